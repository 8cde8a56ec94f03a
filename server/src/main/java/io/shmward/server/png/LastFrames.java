package io.shmward.server.png;

import io.shmward.server.compositor.Compositor;
import io.shmward.server.compositor.CompositorEvents;
import io.shmward.server.compositor.SurfaceResource;
import io.shmward.server.core.PeerCredentials;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last content of every surface, including surfaces already gone: clients such as foot unmap and
 * destroy their windows before they exit, so what they showed is copied at destruction and kept. Which
 * surfaces count is decided by {@link #candidate}; the number kept after destruction is bounded, oldest
 * dropped first, so a client churning through surfaces cannot grow the server's memory without limit.
 * Runs on the event loop; {@link #collect} returns copies usable anywhere.
 */
public final class LastFrames implements CompositorEvents {
    /** Frames kept of destroyed surfaces. */
    static final int MAX_RETIRED = 64;

    /**
     * One surface's last content.
     *
     * @param surfaceId the server-wide surface serial
     * @param role      the surface's role name, or null
     */
    public record Frame(long surfaceId, int pid, String command, String role, PixelImage image) {
    }

    private final Map<Long, Frame> retired = new LinkedHashMap<>();

    @Override
    public void surfaceDestroying(SurfaceResource surface) {
        if (candidate(surface)) {
            if (retired.size() == MAX_RETIRED) {
                retired.remove(retired.keySet().iterator().next());
            }
            retired.put(surface.serial(), frameOf(surface));
        }
    }

    /** Frames of the destroyed surfaces kept, then of the live ones, in surface order. */
    public List<Frame> collect(Compositor compositor) {
        Map<Long, Frame> all = new LinkedHashMap<>(retired);
        for (SurfaceResource s : compositor.surfaces()) {
            if (candidate(s)) {
                all.put(s.serial(), frameOf(s));
            }
        }
        return new ArrayList<>(all.values());
    }

    /**
     * A surface worth a picture: one that has shown content. (Until xdg-shell's toplevel role exists every
     * such surface counts, cursor and subsurfaces included.)
     */
    private static boolean candidate(SurfaceResource s) {
        return s.snapshot() != null;
    }

    private static Frame frameOf(SurfaceResource s) {
        PeerCredentials who = s.client().credentials();
        return new Frame(s.serial(), who.pid(), who.command(), s.role() == null ? null : s.role().roleName(),
                PixelImage.of(s.snapshot()));
    }
}
