package io.shmward.protocol.wire;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** An {@link FdSource} backed by a queue that records what was taken and refuses to over-take. */
final class FdQueue implements FdSource {
    private final ArrayDeque<Integer> queue = new ArrayDeque<>();
    private final List<Integer> taken = new ArrayList<>();

    FdQueue(int... fds) {
        for (int fd : fds) {
            queue.add(fd);
        }
    }

    FdQueue(List<Integer> fds) {
        queue.addAll(fds);
    }

    @Override
    public int available() {
        return queue.size();
    }

    @Override
    public int take() {
        Integer fd = queue.poll();
        if (fd == null) {
            throw new AssertionError("take() called with no fd queued");
        }
        taken.add(fd);
        return fd;
    }

    List<Integer> taken() {
        return taken;
    }

    List<Integer> remaining() {
        return List.copyOf(queue);
    }
}
