package io.shmward.server.testing;

import io.shmward.client.WaylandClient;

/**
 * A client program for {@code shmward run} tests, started as its own process: connects where
 * WAYLAND_DISPLAY and XDG_RUNTIME_DIR point, shows {@link #PICTURE}, then does what foot does before it
 * exits (removes the content and destroys the surface), and exits with the code given as its argument.
 */
public final class DrawingClientMain {
    /** 3x2 xrgb8888: red, green, blue / white, black, grey. */
    public static final ShmClients.Picture PICTURE = new ShmClients.Picture(3, 2, "xrgb8888",
            new int[] {0x00ff0000, 0x0000ff00, 0x000000ff, 0x00ffffff, 0x00000000, 0x00808080});

    private DrawingClientMain() {
    }

    public static void main(String[] args) throws Exception {
        try (WaylandClient c = WaylandClient.connectToEnvironment()) {
            ShmClients.Shown shown = ShmClients.show(c, PICTURE, true);
            shown.file().close();
            shown.surface().send("attach", 0, 0, 0);
            shown.surface().send("commit");
            shown.surface().send("destroy");
            c.roundtrip();
        }
        System.exit(Integer.parseInt(args[0]));
    }
}
