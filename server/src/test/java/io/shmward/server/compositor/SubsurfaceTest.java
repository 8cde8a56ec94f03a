package io.shmward.server.compositor;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.server.testing.TestServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** wl_subcompositor / wl_subsurface: the role errors, parent-applied position and order, cached state. */
class SubsurfaceTest {
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

    private ClientObject subsurface(ClientObject surface, ClientObject parent) throws IOException {
        return c.wl.create(c.subcompositor, "get_subsurface", null, surface.id(), parent.id());
    }

    /** The colour of the first pixel of the surface's snapshot, or null before any content. */
    private Integer colour(ClientObject surface) throws IOException {
        byte[] pixels = Surfaces.find(server, surface.id()).pixels;
        return pixels == null ? null : ByteBuffer.wrap(pixels).order(ByteOrder.nativeOrder()).getInt(0);
    }

    private void show(ClientObject surface, int xrgb) throws IOException {
        surface.send("attach", c.buffer(4, 4, xrgb).id(), 0, 0);
        surface.send("commit");
    }

    /** A chain of {@code length} surfaces, each a sub-surface of the one before; returns them, root first. */
    private List<ClientObject> chain(int length) throws IOException {
        List<ClientObject> surfaces = new ArrayList<>();
        surfaces.add(c.surface());
        for (int i = 1; i < length; i++) {
            ClientObject s = c.surface();
            subsurface(s, surfaces.getLast());
            surfaces.add(s);
        }
        return surfaces;
    }

    @Test
    void aChainOfAHundredSurfacesIsServedAndTheNextLevelIsNoMemory() throws Exception {
        List<ClientObject> surfaces = chain(SubcompositorResource.MAX_NESTING);
        show(surfaces.getLast(), 0x00ff00);
        surfaces.getFirst().send("commit");
        c.expectAlive();
        subsurface(c.surface(), surfaces.getLast());
        c.expectError("wl_display", "no_memory");
        assertThat(server.awaitMeter(1, "shmward.connections.closed", "reason", "limit-exceeded")).isEqualTo(1);
    }

    @Test
    void joiningTwoChainsPastTheBoundIsNoMemory() throws Exception {
        List<ClientObject> upper = chain(60);
        List<ClientObject> lower = chain(41);
        c.expectAlive();
        subsurface(lower.getFirst(), upper.getLast());
        c.expectError("wl_display", "no_memory");
    }

    @Test
    void aSurfaceCannotBeItsOwnParent() throws Exception {
        ClientObject s = c.surface();
        subsurface(s, s);
        c.expectError("wl_subcompositor", "bad_parent");
    }

    @Test
    void aParentCannotBeADescendant() throws Exception {
        ClientObject a = c.surface();
        ClientObject b = c.surface();
        subsurface(b, a);
        c.expectAlive();
        subsurface(a, b);
        c.expectError("wl_subcompositor", "bad_parent");
    }

    @Test
    void aSurfaceWithASubsurfaceCannotGetAnother() throws Exception {
        ClientObject parent = c.surface();
        ClientObject child = c.surface();
        subsurface(child, parent);
        subsurface(child, parent);
        c.expectError("wl_subcompositor", "bad_surface");
    }

    @Test
    void aSurfaceWithAnotherRoleCannotBecomeASubsurface() throws Exception {
        ClientObject parent = c.surface();
        ShellClient.Window window = c.toplevel();
        subsurface(window.surface(), parent);
        c.expectError("wl_subcompositor", "bad_surface");
    }

    @Test
    void destroyedSubsurfaceMayBeRecreatedForTheSameSurface() throws Exception {
        ClientObject parent = c.surface();
        ClientObject child = c.surface();
        subsurface(child, parent).send("destroy");
        subsurface(child, parent);
        c.expectAlive();
        assertThat(Surfaces.find(server, child.id()).roleName).isEqualTo("wl_subsurface");
    }

    @Test
    void placeAboveANonSiblingIsAnError() throws Exception {
        ClientObject parent = c.surface();
        ClientObject child = c.surface();
        ClientObject stranger = c.surface();
        ClientObject sub = subsurface(child, parent);
        sub.send("place_above", stranger.id());
        c.expectError("wl_subsurface", "bad_surface");
    }

    @Test
    void placeBelowItselfIsAnError() throws Exception {
        ClientObject parent = c.surface();
        ClientObject child = c.surface();
        ClientObject sub = subsurface(child, parent);
        sub.send("place_below", child.id());
        c.expectError("wl_subsurface", "bad_surface");
    }

    @Test
    void destroyingTheSurfaceBeforeItsSubsurfaceIsDefunctRoleObject() throws Exception {
        ClientObject parent = c.surface();
        ClientObject child = c.surface();
        subsurface(child, parent);
        child.send("destroy");
        c.expectError("wl_surface", "defunct_role_object");
    }

    @Test
    void synchronizedCommitIsCachedUntilTheParentCommits() throws Exception {
        ClientObject parent = c.surface();
        ClientObject child = c.surface();
        subsurface(child, parent);
        show(parent, 0x00000001);
        ClientObject buffer = c.buffer(4, 4, 0x00000002);
        child.send("attach", buffer.id(), 0, 0);
        child.send("commit");
        c.wl.roundtrip();
        assertThat(colour(child)).as("cached, not applied").isNull();
        assertThat(buffer.events("release")).as("a cached buffer is not consumed yet").isEmpty();

        parent.send("commit");
        c.wl.roundtrip();
        assertThat(colour(child)).as("applied with the parent's state").isEqualTo(0x00000002);
        assertThat(buffer.events("release")).hasSize(1);
    }

    @Test
    void desynchronizedCommitAppliesAtOnce() throws Exception {
        ClientObject parent = c.surface();
        ClientObject child = c.surface();
        subsurface(child, parent).send("set_desync");
        show(child, 0x00000003);
        c.wl.roundtrip();
        assertThat(colour(child)).isEqualTo(0x00000003);
    }

    @Test
    void setDesyncAppliesTheCacheWhenTheParentIsDesynchronized() throws Exception {
        ClientObject parent = c.surface();
        ClientObject child = c.surface();
        ClientObject sub = subsurface(child, parent);
        show(child, 0x00000004);
        c.wl.roundtrip();
        assertThat(colour(child)).isNull();
        sub.send("set_desync");
        c.wl.roundtrip();
        assertThat(colour(child)).as("set_desync applies what was cached").isEqualTo(0x00000004);
    }

    @Test
    void desynchronizedChildOfASynchronizedSubsurfaceBehavesSynchronized() throws Exception {
        ClientObject root = c.surface();
        ClientObject middle = c.surface();
        ClientObject leaf = c.surface();
        subsurface(middle, root);
        subsurface(leaf, middle).send("set_desync");
        show(leaf, 0x00000005);
        c.wl.roundtrip();
        assertThat(colour(leaf)).as("held back by the synchronized parent").isNull();

        root.send("commit");
        c.wl.roundtrip();
        assertThat(colour(leaf)).as("applied when the synchronized ancestor's state is applied").isEqualTo(0x00000005);
    }

    @Test
    void cachedStateAccumulatesAcrossCommits() throws Exception {
        ClientObject parent = c.surface();
        ClientObject child = c.surface();
        subsurface(child, parent);
        child.send("attach", c.buffer(4, 4, 0x00000006).id(), 0, 0);
        child.send("commit");
        ClientObject callback = c.wl.create(child, "frame", (Object) null);
        child.send("commit");
        parent.send("commit");
        c.wl.dispatchUntil(callback::isDestroyed, ShellClient.TIMEOUT);
        assertThat(colour(child)).as("the buffer of the first cached commit survives the second").isEqualTo(0x00000006);
        assertThat(Surfaces.find(server, child.id()).commits).as("both cached commits apply as one").isEqualTo(1);
    }

    @Test
    void positionAndStackingTakeEffectWithTheParentsState() throws Exception {
        ClientObject parent = c.surface();
        ClientObject below = c.surface();
        ClientObject above = c.surface();
        ClientObject subBelow = subsurface(below, parent);
        subsurface(above, parent);
        show(below, 1);
        show(above, 2);
        subBelow.send("set_position", 10, -5);
        subBelow.send("place_below", parent.id());
        c.wl.roundtrip();
        assertThat(Surfaces.find(server, parent.id()).layers).as("the parent has no content yet").isEmpty();

        show(parent, 3);
        c.wl.roundtrip();
        List<SurfaceLayer> layers = Surfaces.find(server, parent.id()).layers;
        assertThat(layers).extracting(l -> l.surface().id()).containsExactly(below.id(), parent.id(), above.id());
        assertThat(layers.getFirst().x()).isEqualTo(10);
        assertThat(layers.getFirst().y()).isEqualTo(-5);
    }

    @Test
    void destroyedSubsurfaceLeavesTheWindowAtOnce() throws Exception {
        ClientObject parent = c.surface();
        ClientObject child = c.surface();
        ClientObject sub = subsurface(child, parent);
        show(child, 1);
        show(parent, 2);
        c.wl.roundtrip();
        assertThat(Surfaces.find(server, parent.id()).layers).hasSize(2);
        sub.send("destroy");
        c.wl.roundtrip();
        assertThat(Surfaces.find(server, parent.id()).layers).extracting(l -> l.surface().id()).containsExactly(parent.id());
    }
}
