package io.shmward.server.png;

import io.shmward.server.compositor.Compositor;
import io.shmward.server.compositor.CompositorEvents;
import io.shmward.server.compositor.SurfaceResource;
import io.shmward.server.compositor.xdg.ToplevelResource;
import io.shmward.server.compositor.xdg.XdgShell;
import io.shmward.server.core.PeerCredentials;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last mapped content of every toplevel window, composed with its sub-surfaces, including windows
 * already gone: clients such as foot unmap and destroy their windows before they exit. So whenever a
 * window is about to lose content (its main surface unmapped, or any of its surfaces destroyed), the window
 * is copied as it still is, unless it was already copied since its last commit (a client tearing down
 * surface after surface must not leave a half-empty picture). Windows kept after they are gone are bounded,
 * oldest dropped first, so a client churning through windows cannot grow the server's memory.
 * Runs on the event loop; {@link #collect} returns copies usable anywhere.
 */
public final class LastFrames implements CompositorEvents {
    /** Windows kept, gone ones included. */
    static final int MAX_KEPT = 64;
    private static final String TOPLEVEL = "xdg_toplevel";

    /**
     * One window's last mapped content.
     *
     * @param surfaceId the server-wide serial of the window's main surface
     * @param title     the toplevel's last title, or null
     * @param appId     the toplevel's last app_id, or null
     */
    public record Frame(long surfaceId, int pid, String command, String title, String appId, WindowImage image) {
    }

    private record Names(String title, String appId) {
    }

    private final XdgShell shell;
    private final Map<Long, Frame> kept = new LinkedHashMap<>();
    /** Windows whose kept frame already shows their last commit. */
    private final Set<Long> upToDate = new HashSet<>();
    /** Title and app_id as of each toplevel's last commit: the role object may be gone before its surface. */
    private final Map<Long, Names> names = new HashMap<>();

    public LastFrames(XdgShell shell) {
        this.shell = shell;
    }

    @Override
    public void committed(SurfaceResource surface) {
        SurfaceResource root = surface.windowRoot();
        upToDate.remove(root.serial());
        ToplevelResource toplevel = shell.toplevelOf(root);
        if (toplevel != null) {
            names.put(root.serial(), new Names(toplevel.title(), toplevel.appId()));
        }
    }

    @Override
    public void unmapping(SurfaceResource surface) {
        keep(surface.windowRoot());
    }

    @Override
    public void surfaceDestroying(SurfaceResource surface) {
        keep(surface.windowRoot());
        if (surface.windowRoot() == surface) {
            names.remove(surface.serial());
            upToDate.remove(surface.serial());
        }
    }

    /** The kept frames of windows that are gone or unmapped, and the current content of mapped ones. */
    public List<Frame> collect(Compositor compositor) {
        for (SurfaceResource s : compositor.surfaces()) {
            if (s.windowRoot() == s && shows(s)) {
                put(frameOf(s));
            }
        }
        return new ArrayList<>(kept.values());
    }

    private void keep(SurfaceResource root) {
        if (shows(root) && !upToDate.contains(root.serial())) {
            put(frameOf(root));
            upToDate.add(root.serial());
        }
    }

    /** A toplevel's main surface with content: the windows worth a picture. */
    private static boolean shows(SurfaceResource root) {
        return TOPLEVEL.equals(root.roleName()) && root.hasContent();
    }

    private void put(Frame f) {
        kept.remove(f.surfaceId());
        kept.put(f.surfaceId(), f);
        if (kept.size() > MAX_KEPT) {
            kept.remove(kept.keySet().iterator().next());
        }
    }

    private Frame frameOf(SurfaceResource root) {
        PeerCredentials who = root.client().credentials();
        ToplevelResource toplevel = shell.toplevelOf(root);
        Names n = toplevel != null ? new Names(toplevel.title(), toplevel.appId())
                : names.getOrDefault(root.serial(), new Names(null, null));
        return new Frame(root.serial(), who.pid(), who.command(), n.title(), n.appId(), WindowImage.of(root));
    }
}
