package io.shmward.server.compositor.xdg;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.client.MemFile;
import io.shmward.client.ServerError;
import io.shmward.protocol.spec.EnumSpec;
import io.shmward.protocol.spec.Protocol;
import io.shmward.protocol.wire.Message;
import io.shmward.server.compositor.ShellClient;
import io.shmward.server.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How toplevels are configured: the output's size within the client's limits, states, one focus. */
class XdgWindowTest {
    private static final String SMALL_OUTPUT = "output:\n  width: 640\n  height: 480\n";
    private static final EnumSpec STATE = Protocol.standard().get("xdg_toplevel").enumeration("state");
    private static final int ACTIVATED = STATE.value("activated");

    private static Message lastConfigure(ShellClient.Window w) {
        return w.toplevel().events("configure").getLast();
    }

    private static int[] states(ShellClient.Window w) {
        return ShellClient.uints(lastConfigure(w).arrayArg(2));
    }

    @Test
    void initialCommitBringsTheFirstConfigureSequence() throws Exception {
        try (TestServer server = TestServer.start(SMALL_OUTPUT); ShellClient c = ShellClient.connect(server)) {
            ShellClient.Window w = c.toplevel();
            c.wl.roundtrip();
            assertThat(w.xdgSurface().events("configure")).as("nothing before the initial commit").isEmpty();
            c.initialize(w);
            c.wl.roundtrip();

            assertThat(w.toplevel().events()).extracting(Message::name)
                    .containsExactly("configure_bounds", "wm_capabilities", "configure");
            assertThat(w.xdgSurface().events("configure")).hasSize(1);
            Message configure = lastConfigure(w);
            assertThat(new int[] {configure.intArg(0), configure.intArg(1)}).as("the output's size").containsExactly(640, 480);
            assertThat(states(w)).containsExactly(ACTIVATED);
            EnumSpec caps = Protocol.standard().get("xdg_toplevel").enumeration("wm_capabilities");
            assertThat(ShellClient.uints(w.toplevel().events("wm_capabilities").getFirst().arrayArg(0)))
                    .containsExactly(caps.value("maximize"), caps.value("fullscreen"));
        }
    }

    @Test
    void configuredSizeStaysWithinTheCommittedLimits() throws Exception {
        try (TestServer server = TestServer.start(SMALL_OUTPUT); ShellClient c = ShellClient.connect(server)) {
            ShellClient.Window w = c.toplevel();
            w.toplevel().send("set_max_size", 300, 0);
            w.toplevel().send("set_min_size", 0, 500);
            c.initialize(w);
            c.wl.roundtrip();
            Message configure = lastConfigure(w);
            assertThat(new int[] {configure.intArg(0), configure.intArg(1)}).containsExactly(300, 500);
        }
    }

    @Test
    void configuresNeverAcknowledgedStopAtOneHundred() throws Exception {
        try (TestServer server = TestServer.start(SMALL_OUTPUT); ShellClient c = ShellClient.connect(server);
             ShellClient bystander = ShellClient.connect(server)) {
            ShellClient.Window w = c.toplevel();
            c.initialize(w); // the first configure, acknowledged
            for (int i = 0; i < 99; i++) {
                w.toplevel().send(i % 2 == 0 ? "set_maximized" : "unset_maximized");
            }
            c.expectAlive();
            assertThat(w.xdgSurface().events("configure")).hasSize(100);
            w.toplevel().send("set_fullscreen", 0);
            w.toplevel().send("unset_fullscreen");
            ServerError error = c.expectError("wl_display", "no_memory");
            assertThat(error.message()).contains("limit of 100 unacknowledged configures");
            bystander.expectAlive();
        }
    }

    @Test
    void anAcknowledgementConsumesEveryEarlierConfigure() throws Exception {
        try (TestServer server = TestServer.start(SMALL_OUTPUT); ShellClient c = ShellClient.connect(server)) {
            ShellClient.Window w = c.toplevel();
            c.initialize(w);
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < 90; i++) {
                    w.toplevel().send(i % 2 == 0 ? "set_maximized" : "unset_maximized");
                }
                c.wl.roundtrip();
                w.xdgSurface().send("ack_configure", w.lastConfigureSerial());
            }
            c.expectAlive();
        }
    }

    @Test
    void maximizeAndFullscreenAreAnsweredWithAConfigure() throws Exception {
        try (TestServer server = TestServer.start(SMALL_OUTPUT); ShellClient c = ShellClient.connect(server)) {
            ShellClient.Window w = c.mappedToplevel(100, 100, 0);
            w.toplevel().send("set_max_size", 200, 200);
            w.surface().send("commit");
            w.toplevel().send("set_maximized");
            c.wl.roundtrip();
            assertThat(states(w)).containsExactlyInAnyOrder(STATE.value("maximized"), ACTIVATED);
            assertThat(lastConfigure(w).intArg(0)).as("maximized takes the whole output").isEqualTo(640);
            w.toplevel().send("set_fullscreen", 0);
            w.toplevel().send("unset_maximized");
            c.wl.roundtrip();
            assertThat(states(w)).containsExactlyInAnyOrder(STATE.value("fullscreen"), ACTIVATED);
            w.toplevel().send("unset_fullscreen");
            c.wl.roundtrip();
            assertThat(states(w)).containsExactly(ACTIVATED);
            assertThat(lastConfigure(w).intArg(0)).as("back within the maximum size").isEqualTo(200);
            assertThat(w.xdgSurface().events("configure")).hasSize(1 + 4);
        }
    }

    @Test
    void newestToplevelHoldsTheFocusAndHandsItBack() throws Exception {
        try (TestServer server = TestServer.start(); ShellClient a = ShellClient.connect(server);
             ShellClient b = ShellClient.connect(server)) {
            ShellClient.Window first = a.mappedToplevel(50, 50, 0);
            assertThat(states(first)).containsExactly(ACTIVATED);

            ShellClient.Window second = b.mappedToplevel(50, 50, 0);
            a.wl.roundtrip();
            assertThat(states(second)).containsExactly(ACTIVATED);
            assertThat(states(first)).as("the previous window is reconfigured without activated").isEmpty();
            assertThat(server.server().onLoop(() -> server.server().shell().activeToplevel().client()))
                    .isNotNull();

            second.toplevel().send("destroy");
            b.wl.roundtrip();
            a.wl.roundtrip();
            assertThat(states(first)).as("focus returns to the newest remaining window").containsExactly(ACTIVATED);
        }
    }

    @Test
    void titleAndAppIdAreVisibleToTheServer() throws Exception {
        try (TestServer server = TestServer.start(); ShellClient c = ShellClient.connect(server)) {
            ShellClient.Window w = c.toplevel();
            w.toplevel().send("set_title", "Hello, Shmward");
            w.toplevel().send("set_app_id", "io.shmward.test");
            ShellClient.Window other = c.toplevel();
            c.wl.roundtrip();
            List<String[]> seen = server.server().onLoop(() -> server.server().shell().toplevels().stream()
                    .map(t -> new String[] {t.title(), t.appId(), t.surface().roleName()}).toList());
            assertThat(seen).hasSize(2);
            assertThat(seen.getFirst()).containsExactly("Hello, Shmward", "io.shmward.test", "xdg_toplevel");
            assertThat(seen.get(1)).containsExactly(null, null, "xdg_toplevel");
            other.toplevel().send("destroy");
            c.wl.roundtrip();
            assertThat(server.server().onLoop(() -> server.server().shell().toplevels().size())).isEqualTo(1);
        }
    }

    @Test
    void aToplevelMayBeRecreatedAfterItsRoleObjectWasDestroyed() throws Exception {
        try (TestServer server = TestServer.start(); ShellClient c = ShellClient.connect(server)) {
            ShellClient.Window w = c.mappedToplevel(20, 20, 0);
            w.toplevel().send("destroy");
            ClientObject again = c.wl.create(w.xdgSurface(), "get_toplevel", (Object) null);
            c.initialize(new ShellClient.Window(w.surface(), w.xdgSurface(), again));
            c.expectAlive();
            assertThat(again.events("configure")).hasSize(1);
        }
    }

    /** WLCS BadBufferTest.test_truncated_shm_file, on a window made the way WLCS makes visible surfaces. */
    @Test
    void truncatedBufferOnAMappedToplevelIsInvalidFdOnTheBuffer() throws Exception {
        try (TestServer server = TestServer.start(); ShellClient c = ShellClient.connect(server);
             MemFile file = MemFile.memfd("bad-buffer", 200 * 4 * 200)) {
            ShellClient.Window w = c.mappedToplevel(200, 200, 0);
            ClientObject bad = c.buffer(file, 200, 200);
            file.truncate(12);
            w.surface().send("attach", bad.id(), 0, 0);
            w.surface().send("damage", 0, 0, 200, 200);
            c.wl.create(w.surface(), "frame", (Object) null);
            w.surface().send("commit");
            ServerError error = c.expectError("wl_buffer", "wl_shm", "invalid_fd");
            assertThat(error.objectId()).isEqualTo(bad.id());
        }
    }

    @Test
    void popupIsConfiguredWhereItsPositionerPutsIt() throws Exception {
        try (TestServer server = TestServer.start(); ShellClient c = ShellClient.connect(server)) {
            ShellClient.Window parent = c.mappedToplevel(200, 200, 0);
            ClientObject positioner = c.wl.create(c.wmBase, "create_positioner", (Object) null);
            EnumSpec anchor = Protocol.standard().get("xdg_positioner").enumeration("anchor");
            EnumSpec gravity = Protocol.standard().get("xdg_positioner").enumeration("gravity");
            positioner.send("set_size", 40, 30);
            positioner.send("set_anchor_rect", 10, 20, 50, 10);
            positioner.send("set_anchor", anchor.value("bottom_left"));
            positioner.send("set_gravity", gravity.value("bottom_right"));
            positioner.send("set_offset", 1, 2);
            ClientObject surface = c.surface();
            ClientObject xdg = c.wl.create(c.wmBase, "get_xdg_surface", null, surface.id());
            ClientObject popup = c.wl.create(xdg, "get_popup", null, parent.xdgSurface().id(), positioner.id());
            positioner.send("destroy");
            c.initialize(new ShellClient.Window(surface, xdg, popup));
            c.wl.roundtrip();
            Message configure = popup.events("configure").getFirst();
            assertThat(new int[] {configure.intArg(0), configure.intArg(1), configure.intArg(2), configure.intArg(3)})
                    .containsExactly(11, 32, 40, 30);

            surface.send("attach", c.buffer(40, 30, 0).id(), 0, 0);
            surface.send("commit");
            c.wl.roundtrip();
            popup.send("destroy");
            xdg.send("destroy");
            c.expectAlive();
        }
    }

    /**
     * Constraint adjustments on a 640x480 output, the parent window at its origin: a 100x50 popup anchored
     * at x 620 would end at 720; flip_x puts it left of the anchor rectangle, slide_x against the edge,
     * resize_x cuts it; none leaves it hanging out. A nested popup is kept on the output too.
     */
    @Test
    void popupsAreKeptOnTheOutputAsTheirConstraintAdjustmentsAllow() throws Exception {
        EnumSpec adjust = Protocol.standard().get("xdg_positioner").enumeration("constraint_adjustment");
        try (TestServer server = TestServer.start(SMALL_OUTPUT); ShellClient c = ShellClient.connect(server)) {
            ShellClient.Window parent = c.mappedToplevel(200, 200, 0);
            assertThat(popupConfigure(c, parent.xdgSurface(), 0)).containsExactly(620, 30, 100, 50);
            assertThat(popupConfigure(c, parent.xdgSurface(), adjust.value("flip_x"))).containsExactly(500, 30, 100, 50);
            assertThat(popupConfigure(c, parent.xdgSurface(), adjust.value("slide_x"))).containsExactly(540, 30, 100, 50);
            assertThat(popupConfigure(c, parent.xdgSurface(), adjust.value("resize_x"))).containsExactly(620, 30, 20, 50);

            ClientObject resized = lastPopupXdgSurface; // at (620, 30) on the output
            ClientObject positioner = positioner(c, 30, 40, new int[] {0, 0, 10, 10}, "top_left", "top_left",
                    adjust.value("slide_y"));
            int[] nested = configureOf(c, resized, positioner);
            assertThat(nested).as("at output y 30 - 40 = -10, slid to the output's top: -30 from its parent")
                    .containsExactly(-30, -30, 30, 40);
        }
    }

    /** The xdg_surface of the popup {@link #configureOf} made last, to parent a nested one. */
    private ClientObject lastPopupXdgSurface;

    private int[] popupConfigure(ShellClient c, ClientObject parent, int adjustment) throws Exception {
        ClientObject positioner = positioner(c, 100, 50, new int[] {600, 10, 20, 20}, "bottom_right", "bottom_right",
                adjustment);
        return configureOf(c, parent, positioner);
    }

    private static ClientObject positioner(ShellClient c, int width, int height, int[] anchorRect, String anchor,
                                           String gravity, int adjustment) throws Exception {
        ClientObject positioner = c.wl.create(c.wmBase, "create_positioner", (Object) null);
        positioner.send("set_size", width, height);
        positioner.send("set_anchor_rect", anchorRect[0], anchorRect[1], anchorRect[2], anchorRect[3]);
        positioner.send("set_anchor", Protocol.standard().get("xdg_positioner").enumeration("anchor").value(anchor));
        positioner.send("set_gravity", Protocol.standard().get("xdg_positioner").enumeration("gravity").value(gravity));
        positioner.send("set_constraint_adjustment", adjustment);
        return positioner;
    }

    /** A popup of {@code parent} placed by {@code positioner}, initialized; its configure's x, y, width, height. */
    private int[] configureOf(ShellClient c, ClientObject parent, ClientObject positioner) throws Exception {
        ClientObject surface = c.surface();
        ClientObject xdg = c.wl.create(c.wmBase, "get_xdg_surface", null, surface.id());
        ClientObject popup = c.wl.create(xdg, "get_popup", null, parent.id(), positioner.id());
        c.initialize(new ShellClient.Window(surface, xdg, popup));
        c.wl.roundtrip();
        lastPopupXdgSurface = xdg;
        Message configure = popup.events("configure").getFirst();
        return new int[] {configure.intArg(0), configure.intArg(1), configure.intArg(2), configure.intArg(3)};
    }
}
