package io.shmward.server.compositor;

import io.shmward.server.testing.TestServer;
import java.io.IOException;
import java.util.List;

/** Reads the server's view of a test client's surfaces, on the event loop that owns it. */
final class Surfaces {
    private Surfaces() {
    }

    /** The surface's state as the server sees it, copied off the loop. */
    static final class View {
        long commits;
        String roleName;
        int width;
        int height;
        int stride;
        String format;
        byte[] pixels;
        List<SurfaceLayer> layers;
    }

    /** The surface with client object id {@code id} (the test's only client); fails when there is none. */
    static View find(TestServer server, int id) throws IOException {
        return server.server().onLoop(() -> {
            SurfaceResource s = surface(server, id);
            View v = new View();
            v.commits = s.commits();
            v.roleName = s.roleName();
            v.layers = s.layers();
            Snapshot snapshot = s.snapshot();
            if (snapshot != null) {
                v.width = snapshot.width();
                v.height = snapshot.height();
                v.stride = snapshot.stride();
                v.format = snapshot.format().name();
                v.pixels = snapshot.copyPixels();
            }
            return v;
        });
    }

    /** Call on the loop only. */
    static SurfaceResource surface(TestServer server, int id) {
        return server.server().compositor().surfaces().stream().filter(s -> s.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError("the server has no surface " + id));
    }
}
