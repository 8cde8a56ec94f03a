package io.shmward.server.compositor;

import io.shmward.server.core.Client;
import io.shmward.server.core.Globals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one virtual output ({@code wl_output}), and which surfaces are on it: shells report their windows as
 * shown or hidden, and each surface that shows as part of a shown window (the window's surface and its
 * mapped sub-surfaces, kept up to date as the window commits) has every {@code wl_output} object of its
 * client hear {@code wl_surface.enter}/{@code leave}, including objects bound later, and is told the
 * output's scale.
 */
public final class Output {
    /** wl_output version 4 (name, description), the highest in the vendored wayland.xml, implemented whole. */
    static final int VERSION = 4;
    static final String NAME = "SHMWARD-1";

    private final OutputMode mode;
    private final Set<OutputResource> bound = new LinkedHashSet<>();
    /** Each shown window's root surface, and the surfaces of it that entered. */
    private final Map<SurfaceResource, Set<SurfaceResource>> shown = new LinkedHashMap<>();

    private Output(OutputMode mode) {
        this.mode = mode;
    }

    static Output register(Globals globals, OutputMode mode) {
        Output output = new Output(mode);
        globals.add(CompositorProtocol.WL_OUTPUT, VERSION, (client, id, version) -> output.bound(
                new OutputResource(output, client, id, version)));
        return output;
    }

    public OutputMode mode() {
        return mode;
    }

    /** The window of {@code root} is now on the output (its toplevel or popup mapped). */
    public void show(SurfaceResource root) {
        if (!shown.containsKey(root)) {
            shown.put(root, new LinkedHashSet<>());
            windowChanged(root);
        }
    }

    /** The window of {@code root} left the output (its toplevel or popup unmapped or gone). */
    public void hide(SurfaceResource root) {
        Set<SurfaceResource> entered = shown.remove(root);
        if (entered != null) {
            for (SurfaceResource s : entered) {
                leave(s);
            }
        }
    }

    /**
     * A surface of the window of {@code root} committed: sub-surfaces that started showing enter, those that
     * stopped leave. Nothing happens for a window that is not shown.
     */
    void windowChanged(SurfaceResource root) {
        Set<SurfaceResource> entered = shown.get(root);
        if (entered == null) {
            return;
        }
        if (!root.hasSubsurfaces() && entered.size() == 1 && entered.contains(root)) {
            return; // a window of one surface that has entered already: the common commit
        }
        Set<SurfaceResource> visible = new LinkedHashSet<>();
        for (SurfaceLayer layer : root.layers()) {
            visible.add(layer.surface());
        }
        visible.add(root);
        for (SurfaceResource s : List.copyOf(entered)) {
            if (!visible.contains(s)) {
                entered.remove(s);
                leave(s);
            }
        }
        for (SurfaceResource s : visible) {
            if (entered.add(s)) {
                enter(s);
            }
        }
    }

    private void enter(SurfaceResource s) {
        for (OutputResource o : resourcesOf(s.client())) {
            s.sendEnter(o);
        }
        s.preferBufferScale(mode.scale());
    }

    private void leave(SurfaceResource s) {
        for (OutputResource o : resourcesOf(s.client())) {
            s.sendLeave(o);
        }
    }

    void surfaceDestroyed(SurfaceResource surface) {
        shown.remove(surface);
        for (Set<SurfaceResource> entered : shown.values()) {
            entered.remove(surface);
        }
    }

    void released(OutputResource resource) {
        bound.remove(resource);
    }

    private void bound(OutputResource resource) {
        bound.add(resource);
        for (Set<SurfaceResource> entered : shown.values()) {
            for (SurfaceResource s : entered) {
                if (s.client() == resource.client()) {
                    s.sendEnter(resource);
                }
            }
        }
    }

    private List<OutputResource> resourcesOf(Client client) {
        List<OutputResource> out = new ArrayList<>();
        for (OutputResource o : bound) {
            if (o.client() == client) {
                out.add(o);
            }
        }
        return out;
    }
}
