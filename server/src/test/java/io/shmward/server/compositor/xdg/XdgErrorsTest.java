package io.shmward.server.compositor.xdg;

import io.shmward.client.ClientObject;
import io.shmward.server.compositor.ShellClient;
import io.shmward.server.testing.TestServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each xdg-shell protocol error, on the object and at the moment WLCS (XdgSurfaceStableTest) or, where WLCS
 * says nothing, the spec text expects it.
 */
class XdgErrorsTest {
    private TestServer server;
    private ShellClient c;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start();
        c = ShellClient.connect(server);
    }

    @AfterEach
    void stop() throws IOException {
        c.close();
        server.close();
    }

    private ClientObject xdgSurface(ClientObject surface) throws IOException {
        return c.wl.create(c.wmBase, "get_xdg_surface", null, surface.id());
    }

    // --- xdg_wm_base.get_xdg_surface ---

    @Test
    void xdgSurfaceForASubsurfaceIsARoleError() throws Exception {
        ClientObject parent = c.surface();
        ClientObject surface = c.surface();
        c.wl.create(c.subcompositor, "get_subsurface", null, surface.id(), parent.id());
        c.wl.roundtrip();
        xdgSurface(surface);
        c.expectError("xdg_wm_base", "role");
    }

    @Test
    void secondXdgSurfaceForOneSurfaceIsARoleError() throws Exception {
        ClientObject surface = c.surface();
        xdgSurface(surface);
        xdgSurface(surface);
        c.expectError("xdg_wm_base", "role");
    }

    @Test
    void xdgSurfaceForASurfaceWithAnAttachedBufferIsInvalidSurfaceState() throws Exception {
        ClientObject surface = c.surface();
        surface.send("attach", c.buffer(30, 30, 0).id(), 0, 0);
        c.wl.roundtrip();
        xdgSurface(surface);
        c.expectError("xdg_wm_base", "invalid_surface_state");
    }

    @Test
    void xdgSurfaceForASurfaceWithACommittedBufferIsInvalidSurfaceState() throws Exception {
        ClientObject surface = c.surface();
        surface.send("attach", c.buffer(30, 30, 0).id(), 0, 0);
        surface.send("commit");
        c.wl.roundtrip();
        xdgSurface(surface);
        c.expectError("xdg_wm_base", "invalid_surface_state");
    }

    // --- buffers before configure ---

    @Test
    void attachingABufferToAnUnconfiguredXdgSurfaceIsAnErrorAtOnce() throws Exception {
        ClientObject surface = c.surface();
        ClientObject buffer = c.buffer(30, 30, 0);
        c.wl.roundtrip();
        xdgSurface(surface);
        surface.send("attach", buffer.id(), 0, 0); // no commit: the attach itself is the error
        c.expectError("xdg_surface", "unconfigured_buffer");
    }

    @Test
    void toplevelBufferAttachedBeforeTheInitialCommitIsRefusedByTheCommit() throws Exception {
        ShellClient.Window w = c.toplevel();
        w.surface().send("attach", c.buffer(30, 30, 0).id(), 0, 0);
        c.expectAlive(); // weston and wlroots judge the commit, not the attach
        w.surface().send("commit");
        c.expectError("xdg_surface", "unconfigured_buffer");
    }

    @Test
    void committingABufferBeforeTheFirstConfigureIsAcknowledgedIsAnError() throws Exception {
        ShellClient.Window w = c.toplevel();
        w.surface().send("commit");
        c.wl.dispatchUntil(() -> !w.xdgSurface().events("configure").isEmpty(), ShellClient.TIMEOUT);
        w.surface().send("attach", c.buffer(30, 30, 0).id(), 0, 0);
        w.surface().send("commit"); // the configure was not acknowledged
        c.expectError("xdg_surface", "unconfigured_buffer");
    }

    @Test
    void afterUnmappingTheInitialCommitMustComeAgain() throws Exception {
        ShellClient.Window w = c.mappedToplevel(20, 20, 0);
        w.surface().send("attach", 0, 0, 0);
        w.surface().send("commit");
        c.expectAlive();
        w.surface().send("attach", c.buffer(20, 20, 0).id(), 0, 0);
        w.surface().send("commit");
        c.expectError("xdg_surface", "unconfigured_buffer");
    }

    // --- ack_configure ---

    @Test
    void ackWithoutAnyConfigureIsInvalidSerial() throws Exception {
        ClientObject xdg = xdgSurface(c.surface());
        xdg.send("ack_configure", 1);
        c.expectError("xdg_surface", "invalid_serial");
    }

    @Test
    void ackOfANeverSentSerialIsInvalidSerial() throws Exception {
        ShellClient.Window w = c.toplevel();
        w.surface().send("commit");
        c.wl.dispatchUntil(() -> !w.xdgSurface().events("configure").isEmpty(), ShellClient.TIMEOUT);
        w.xdgSurface().send("ack_configure", w.lastConfigureSerial() + 1);
        c.expectError("xdg_surface", "invalid_serial");
    }

    @Test
    void ackingTheSameConfigureTwiceIsInvalidSerial() throws Exception {
        ShellClient.Window w = c.toplevel();
        c.initialize(w);
        c.expectAlive();
        w.xdgSurface().send("ack_configure", w.lastConfigureSerial());
        c.expectError("xdg_surface", "invalid_serial");
    }

    @Test
    void ackingAnEarlierConfigureAfterALaterOneIsInvalidSerial() throws Exception {
        ShellClient.Window w = c.mappedToplevel(20, 20, 0);
        w.toplevel().send("set_maximized");
        c.wl.roundtrip();
        int earlier = w.lastConfigureSerial();
        w.toplevel().send("unset_maximized");
        c.wl.roundtrip();
        int later = w.lastConfigureSerial();
        w.xdgSurface().send("ack_configure", later);
        c.expectAlive();
        w.xdgSurface().send("ack_configure", earlier);
        c.expectError("xdg_surface", "invalid_serial");
    }

    // --- construction and destruction order ---

    @Test
    void secondRoleObjectIsAlreadyConstructed() throws Exception {
        ShellClient.Window w = c.toplevel();
        c.wl.create(w.xdgSurface(), "get_toplevel", (Object) null);
        c.expectError("xdg_surface", "already_constructed");
    }

    @Test
    void commitWithoutARoleObjectIsNotConstructed() throws Exception {
        ClientObject surface = c.surface();
        xdgSurface(surface);
        surface.send("commit");
        c.expectError("xdg_surface", "not_constructed");
    }

    @Test
    void destroyingTheXdgSurfaceBeforeItsToplevelIsDefunctRoleObject() throws Exception {
        ShellClient.Window w = c.toplevel();
        w.xdgSurface().send("destroy");
        c.expectError("xdg_surface", "defunct_role_object");
    }

    @Test
    void destroyingTheWlSurfaceBeforeItsXdgSurfaceIsDefunctRoleObject() throws Exception {
        ClientObject surface = c.surface();
        xdgSurface(surface);
        surface.send("destroy");
        c.expectError("wl_surface", "defunct_role_object");
    }

    @Test
    void destroyingTheWmBaseWithSurfacesAliveIsDefunctSurfaces() throws Exception {
        xdgSurface(c.surface());
        c.wmBase.send("destroy");
        c.expectError("xdg_wm_base", "defunct_surfaces");
    }

    @Test
    void destroyingInTheRightOrderIsFine() throws Exception {
        ShellClient.Window w = c.mappedToplevel(20, 20, 0);
        w.toplevel().send("destroy");
        w.xdgSurface().send("destroy");
        w.surface().send("destroy");
        c.wmBase.send("destroy");
        c.expectAlive();
    }

    // --- sizes and parents ---

    @Test
    void emptyWindowGeometryIsInvalidSize() throws Exception {
        ShellClient.Window w = c.toplevel();
        w.xdgSurface().send("set_window_geometry", 0, 0, 0, 10);
        c.expectError("xdg_surface", "invalid_size");
    }

    @Test
    void negativeMaximumSizeIsInvalidSize() throws Exception {
        ShellClient.Window w = c.toplevel();
        w.toplevel().send("set_max_size", -1, 10);
        c.expectError("xdg_toplevel", "invalid_size");
    }

    @Test
    void minimumAboveMaximumIsInvalidSizeWhenCommitted() throws Exception {
        ShellClient.Window w = c.toplevel();
        w.toplevel().send("set_min_size", 300, 300);
        w.toplevel().send("set_max_size", 200, 400);
        c.expectAlive(); // double-buffered: the pair is checked when committed
        w.surface().send("commit");
        c.expectError("xdg_toplevel", "invalid_size");
    }

    @Test
    void aToplevelCannotBeItsOwnParent() throws Exception {
        ShellClient.Window w = c.toplevel();
        w.toplevel().send("set_parent", w.toplevel().id());
        c.expectError("xdg_toplevel", "invalid_parent");
    }

    @Test
    void aParentCannotBeADescendant() throws Exception {
        ShellClient.Window parent = c.toplevel();
        ShellClient.Window child = c.toplevel();
        child.toplevel().send("set_parent", parent.toplevel().id());
        c.expectAlive();
        parent.toplevel().send("set_parent", child.toplevel().id());
        c.expectError("xdg_toplevel", "invalid_parent");
    }

    @Test
    void resizeWithAnEdgeOutsideTheEnumIsInvalidResizeEdge() throws Exception {
        ClientObject seat = c.registry.bind("wl_seat", 9);
        ShellClient.Window w = c.toplevel();
        w.toplevel().send("resize", seat.id(), 0, 3);
        c.expectError("xdg_toplevel", "invalid_resize_edge");
    }

    // --- positioners and popups ---

    @Test
    void positionerSizeMustBePositive() throws Exception {
        ClientObject positioner = c.wl.create(c.wmBase, "create_positioner", (Object) null);
        positioner.send("set_size", 10, 0);
        c.expectError("xdg_positioner", "invalid_input");
    }

    @Test
    void positionerAnchorRectangleMustNotBeNegative() throws Exception {
        ClientObject positioner = c.wl.create(c.wmBase, "create_positioner", (Object) null);
        positioner.send("set_anchor_rect", 0, 0, -1, 5);
        c.expectError("xdg_positioner", "invalid_input");
    }

    @Test
    void positionerGravityMustBeInTheEnum() throws Exception {
        ClientObject positioner = c.wl.create(c.wmBase, "create_positioner", (Object) null);
        positioner.send("set_gravity", 42);
        c.expectError("xdg_positioner", "invalid_input");
    }

    @Test
    void popupWithAnIncompletePositionerIsInvalidPositioner() throws Exception {
        ShellClient.Window parent = c.toplevel();
        ClientObject positioner = c.wl.create(c.wmBase, "create_positioner", (Object) null);
        positioner.send("set_size", 10, 10);
        ClientObject popupSurface = xdgSurface(c.surface());
        c.wl.create(popupSurface, "get_popup", null, parent.xdgSurface().id(), positioner.id());
        c.expectError("xdg_wm_base", "invalid_positioner");
    }
}
