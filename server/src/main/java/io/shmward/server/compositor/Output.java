package io.shmward.server.compositor;

import io.shmward.server.core.Client;
import io.shmward.server.core.Globals;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one virtual output ({@code wl_output}), and which surfaces are on it: shells report their windows as
 * shown or hidden, and every {@code wl_output} object of the window's client hears
 * {@code wl_surface.enter}/{@code leave}, including objects bound later.
 */
public final class Output {
    /** wl_output version 4 (name, description), the highest in the vendored wayland.xml, implemented whole. */
    static final int VERSION = 4;
    static final String NAME = "SHMWARD-1";

    private final OutputMode mode;
    private final Set<OutputResource> bound = new LinkedHashSet<>();
    private final Set<SurfaceResource> shown = new LinkedHashSet<>();

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

    /** {@code surface} is now on the output (its window mapped): it enters, and learns the output's scale. */
    public void show(SurfaceResource surface) {
        if (shown.add(surface)) {
            for (OutputResource o : resourcesOf(surface.client())) {
                surface.sendEnter(o);
            }
            surface.preferBufferScale(mode.scale());
        }
    }

    /** {@code surface} left the output (its window unmapped). */
    public void hide(SurfaceResource surface) {
        if (shown.remove(surface)) {
            for (OutputResource o : resourcesOf(surface.client())) {
                surface.sendLeave(o);
            }
        }
    }

    void surfaceDestroyed(SurfaceResource surface) {
        shown.remove(surface);
    }

    void released(OutputResource resource) {
        bound.remove(resource);
    }

    private void bound(OutputResource resource) {
        bound.add(resource);
        for (SurfaceResource s : shown) {
            if (s.client() == resource.client()) {
                s.sendEnter(resource);
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
