package io.shmward.cli;

import io.shmward.client.ClientObject;
import io.shmward.client.WaylandClient;
import io.shmward.server.compositor.ShellClient;

/**
 * A client program for {@code shmward run} tests, started as its own process: connects where
 * WAYLAND_DISPLAY and XDG_RUNTIME_DIR point, maps a toplevel window of {@link #WIDTH} x {@link #HEIGHT}
 * with a {@link #SUB} x {@link #SUB} sub-surface at ({@link #SUB_X}, {@link #SUB_Y}), then does what foot
 * does before it exits (removes the content, destroys its objects) and exits with the code given as its
 * argument.
 */
public final class DrawingClientMain {
    public static final int WIDTH = 4;
    public static final int HEIGHT = 3;
    public static final int SUB = 2;
    public static final int SUB_X = 2;
    public static final int SUB_Y = 1;
    public static final String APP_ID = "shmward.drawing";

    private DrawingClientMain() {
    }

    /** The main surface's xrgb8888 pixel at (x, y): a distinct colour per pixel. */
    public static int mainPixel(int x, int y) {
        return (x * 60) << 16 | (y * 100) << 8 | 0x40;
    }

    /** The sub-surface's pixel: one colour. */
    public static int subPixel() {
        return 0x00ffee00;
    }

    public static void main(String[] args) throws Exception {
        try (ShellClient c = ShellClient.over(WaylandClient.connectToEnvironment())) {
            ShellClient.Window w = c.toplevel();
            w.toplevel().send("set_app_id", APP_ID);
            w.toplevel().send("set_title", "drawing");
            c.initialize(w);
            ClientObject child = c.surface();
            ClientObject sub = c.wl.create(c.subcompositor, "get_subsurface", null, child.id(), w.surface().id());
            sub.send("set_position", SUB_X, SUB_Y);
            child.send("attach", c.buffer(SUB, SUB, subPixel()).id(), 0, 0);
            child.send("commit"); // synchronized: applied with the parent's next commit
            w.surface().send("attach", c.buffer(WIDTH, HEIGHT, DrawingClientMain::mainPixel).id(), 0, 0);
            w.surface().send("commit");
            c.wl.roundtrip();
            // as foot leaves: content off, role object and surfaces destroyed
            w.surface().send("attach", 0, 0, 0);
            w.surface().send("commit");
            w.toplevel().send("destroy");
            w.xdgSurface().send("destroy");
            sub.send("destroy");
            child.send("destroy");
            w.surface().send("destroy");
            c.wl.roundtrip();
        }
        System.exit(Integer.parseInt(args[0]));
    }
}
