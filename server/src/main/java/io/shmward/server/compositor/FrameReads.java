package io.shmward.server.compositor;

import io.shmward.server.shm.BufferResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The surfaces whose newest committed buffer waits for the output's next frame ({@code output.consume:
 * on-frame}), read by the frame clock at its tick. A surface is listed once however often it committed, and
 * leaves the list when it goes away, so a client that leaves between a commit and the frame leaves nothing
 * here.
 */
final class FrameReads {
    private final Set<FrameIntake> due = new LinkedHashSet<>();
    /**
     * How many listed surfaces hold each buffer unread. A client may attach one buffer to several surfaces;
     * one surface letting it go unread must not tell the client it is free while another still means to
     * read it.
     */
    private final Map<BufferResource, Integer> holders = new HashMap<>();

    /** {@code intake}'s surface holds {@code buffer} unread, for the next frame to read. */
    void hold(FrameIntake intake, BufferResource buffer) {
        due.add(intake);
        holders.merge(buffer, 1, Integer::sum);
    }

    /**
     * {@code intake}'s surface no longer holds {@code buffer} unread (it was read, replaced, or the surface
     * went away).
     *
     * @return true when no surface holds it unread any more
     */
    boolean letGo(FrameIntake intake, BufferResource buffer) {
        due.remove(intake);
        return holders.merge(buffer, -1, (held, minusOne) -> held + minusOne == 0 ? null : held + minusOne) == null;
    }

    /**
     * Reads every listed surface's newest buffer, first listed first. Each read answers for itself: one that
     * fails costs its own client the connection, and the others are read.
     */
    void readAll() {
        if (due.isEmpty()) {
            return;
        }
        List<FrameIntake> reading = new ArrayList<>(due);
        due.clear();
        for (FrameIntake intake : reading) {
            intake.read();
        }
    }
}
