package io.shmward.server.compositor;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.client.MemFile;
import io.shmward.client.ShmScene;
import io.shmward.client.WaylandClient;
import io.shmward.protocol.wire.Message;
import io.shmward.server.testing.TestServer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code output.scale}: a HiDPI output announces its scale, configures windows in logical pixels and asks
 * each shown surface (wl_surface v6) for buffers at its scale; at scale 1 a surface hears no preference.
 */
class OutputScaleTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String SCALE_TWO = "output:\n  scale: 2\n";

    @Test
    void aScaleTwoOutputConfiguresInLogicalPixelsAndAsksForScaleTwoBuffers() throws Exception {
        try (TestServer server = TestServer.start("output:\n  width: 1920\n  height: 1080\n  scale: 2\n");
             WaylandClient c = server.connect()) {
            HiDpiWindow w = HiDpiWindow.open(c);
            assertThat(w.output.events("scale")).extracting(m -> m.intArg(0)).containsExactly(2);
            assertThat(w.output.events("mode").getFirst().intArg(1)).as("the mode stays in physical pixels").isEqualTo(1920);

            Message configure = w.configureOnInitialCommit();
            assertThat(new int[] {configure.intArg(0), configure.intArg(1)}).containsExactly(960, 540);
            Message bounds = w.toplevel.events("configure_bounds").getLast();
            assertThat(new int[] {bounds.intArg(0), bounds.intArg(1)}).containsExactly(960, 540);

            w.mapWithBuffer(1920, 1080, 2);
            assertThat(w.surface.events("enter")).extracting(m -> m.intArg(0)).containsExactly(w.output.id());
            assertThat(w.surface.events("preferred_buffer_scale")).extracting(m -> m.intArg(0)).containsExactly(2);
            var shown = server.server().onLoop(() -> server.server().shell().toplevels().getFirst().surface().snapshot());
            assertThat(shown.width()).as("a 2x buffer for a 960-pixel-wide window").isEqualTo(1920);
        }
    }

    @Test
    void atScaleOneASurfaceHearsNoPreference() throws Exception {
        try (TestServer server = TestServer.start(); WaylandClient c = server.connect()) {
            HiDpiWindow w = HiDpiWindow.shown(c, 1);
            assertThat(w.output.events("scale")).extracting(m -> m.intArg(0)).containsExactly(1);
            assertThat(w.surface.events("enter")).hasSize(1);
            assertThat(w.surface.events("preferred_buffer_scale")).isEmpty();
        }
    }

    /** A sub-surface enters when it shows in a shown window (and hears the scale), and leaves when it stops. */
    @Test
    void subSurfacesOfAShownWindowEnterAndLeave() throws Exception {
        try (TestServer server = TestServer.start(SCALE_TWO); WaylandClient c = server.connect()) {
            HiDpiWindow w = HiDpiWindow.shown(c, 2);
            ClientObject child = c.create(w.compositor, "create_surface", (Object) null);
            ClientObject subsurface = c.create(w.scene.registry().bind("wl_subcompositor", 1), "get_subsurface", null,
                    child.id(), w.surface.id());
            subsurface.send("set_desync");
            w.surface.send("commit"); // the new sub-surface joins the window with its parent's next state
            c.roundtrip();
            assertThat(child.events("enter")).as("no content yet").isEmpty();

            w.attach(child, 32, 32, 2);
            assertThat(child.events("enter")).extracting(m -> m.intArg(0)).containsExactly(w.output.id());
            assertThat(child.events("preferred_buffer_scale")).extracting(m -> m.intArg(0)).containsExactly(2);

            child.send("attach", 0, 0, 0);
            child.send("commit");
            c.roundtrip();
            assertThat(child.events("leave")).extracting(m -> m.intArg(0)).containsExactly(w.output.id());
            assertThat(w.surface.events("leave")).as("the window itself still shows").isEmpty();
        }
    }

    /** A popup enters the output when it maps, like a toplevel, and learns the scale. */
    @Test
    void aMappedPopupEntersTheOutput() throws Exception {
        try (TestServer server = TestServer.start(SCALE_TWO); WaylandClient c = server.connect()) {
            HiDpiWindow w = HiDpiWindow.shown(c, 2);
            ClientObject positioner = c.create(w.wmBase, "create_positioner", (Object) null);
            positioner.send("set_size", 10, 10);
            positioner.send("set_anchor_rect", 0, 0, 1, 1);
            ClientObject surface = c.create(w.compositor, "create_surface", (Object) null);
            ClientObject xdg = c.create(w.wmBase, "get_xdg_surface", null, surface.id());
            c.create(xdg, "get_popup", null, w.xdgSurface.id(), positioner.id());
            surface.send("commit");
            c.dispatchUntil(() -> !xdg.events("configure").isEmpty(), WAIT);
            xdg.send("ack_configure", xdg.events("configure").getLast().intArg(0));
            assertThat(surface.events("enter")).as("not before it maps").isEmpty();

            w.attach(surface, 20, 20, 2);
            assertThat(surface.events("enter")).extracting(m -> m.intArg(0)).containsExactly(w.output.id());
            assertThat(surface.events("preferred_buffer_scale")).extracting(m -> m.intArg(0)).containsExactly(2);
        }
    }

    /** A client with wl_compositor v6 and wl_output v4 bound and one xdg_toplevel, not yet committed. */
    private record HiDpiWindow(WaylandClient c, ShmScene scene, ClientObject compositor, ClientObject output,
                               ClientObject wmBase, ClientObject surface, ClientObject xdgSurface, ClientObject toplevel) {
        static HiDpiWindow open(WaylandClient c) throws IOException {
            ShmScene scene = ShmScene.on(c);
            ClientObject compositor = scene.registry().bind("wl_compositor", 6);
            ClientObject output = scene.registry().bind("wl_output", 4);
            ClientObject wmBase = scene.registry().bind("xdg_wm_base", 5);
            ClientObject surface = c.create(compositor, "create_surface", (Object) null);
            ClientObject xdgSurface = c.create(wmBase, "get_xdg_surface", null, surface.id());
            ClientObject toplevel = c.create(xdgSurface, "get_toplevel", (Object) null);
            c.roundtrip();
            return new HiDpiWindow(c, scene, compositor, output, wmBase, surface, xdgSurface, toplevel);
        }

        /** A window configured and mapped with a 64x64 buffer at {@code scale}. */
        static HiDpiWindow shown(WaylandClient c, int scale) throws IOException {
            HiDpiWindow w = open(c);
            w.configureOnInitialCommit();
            w.mapWithBuffer(64, 64, scale);
            return w;
        }

        Message configureOnInitialCommit() throws IOException {
            surface.send("commit");
            c.dispatchUntil(() -> !xdgSurface.events("configure").isEmpty(), WAIT);
            xdgSurface.send("ack_configure", xdgSurface.events("configure").getLast().intArg(0));
            return toplevel.events("configure").getLast();
        }

        void mapWithBuffer(int width, int height, int scale) throws IOException {
            attach(surface, width, height, scale);
        }

        /** Attaches a new xrgb buffer at {@code scale} to {@code target}, commits, and waits for the server. */
        void attach(ClientObject target, int width, int height, int scale) throws IOException {
            try (MemFile file = MemFile.memfd("hidpi", (long) width * height * 4)) {
                ClientObject pool = scene.createPool(file.fd(), width * height * 4);
                ClientObject buffer = scene.createBuffer(pool, 0, width, height, width * 4, ShmScene.XRGB8888);
                target.send("set_buffer_scale", scale);
                target.send("attach", buffer.id(), 0, 0);
                target.send("commit");
                c.roundtrip();
            }
        }
    }
}
