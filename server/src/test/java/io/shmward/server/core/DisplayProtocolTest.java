package io.shmward.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.client.RawMessage;
import io.shmward.client.ServerError;
import io.shmward.client.WaylandClient;
import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.Protocol;
import io.shmward.protocol.wire.NewObject;
import io.shmward.server.testing.TestServer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * wl_display, wl_registry and wl_callback over a real socket, and every decoding and dispatch error path:
 * the right wl_display.error code on the right object, a disconnect, and a bystander client that keeps
 * round-tripping through all of it.
 */
class DisplayProtocolTest {
    private static final InterfaceSpec WL_DISPLAY = Protocol.standard().get("wl_display");
    private static final int INVALID_OBJECT = WL_DISPLAY.errorCode("invalid_object");
    private static final int INVALID_METHOD = WL_DISPLAY.errorCode("invalid_method");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static TestServer server;
    private static WaylandClient bystander;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start("trace: true\n");
        bystander = server.connect();
        bystander.roundtrip();
    }

    @AfterAll
    static void stop() throws IOException {
        bystander.close();
        server.close();
    }

    @Test
    void syncAnswersWithDoneThenDeletesTheCallbackId() throws IOException {
        try (WaylandClient c = server.connect()) {
            ClientObject callback = c.create(c.display(), "sync", (Object) null);
            c.dispatchUntil(() -> !c.display().events("delete_id").isEmpty(), WAIT);
            assertThat(callback.events("done")).hasSize(1);
            assertThat(c.display().events("delete_id").getFirst().intArg(0)).isEqualTo(callback.id());
            assertThat(c.object(callback.id())).isNull();
            // the freed id is reused, as libwayland-client does, and the server accepts it
            ClientObject again = c.create(c.display(), "sync", (Object) null);
            assertThat(again.id()).isEqualTo(callback.id());
            c.dispatchUntil(again::isDestroyed, WAIT);
        }
        assertBystanderServed();
    }

    @Test
    void callbackSerialsIncrease() throws IOException {
        try (WaylandClient c = server.connect()) {
            ClientObject first = c.create(c.display(), "sync", (Object) null);
            ClientObject second = c.create(c.display(), "sync", (Object) null);
            c.dispatchUntil(second::isDestroyed, WAIT);
            assertThat(Integer.toUnsignedLong(second.events("done").getFirst().intArg(0)))
                    .isGreaterThan(Integer.toUnsignedLong(first.events("done").getFirst().intArg(0)));
        }
    }

    @Test
    void registryAnnouncesEveryGlobalWithItsVersion() throws IOException {
        try (WaylandClient c = server.connect()) {
            var registry = c.registry();
            var expected = server.server().onLoop(() -> server.server().display().globals().all());
            assertThat(registry.globals()).hasSameSizeAs(expected);
            for (var g : expected) {
                assertThat(registry.globals()).contains(new io.shmward.client.ClientRegistry.GlobalInfo(
                        g.name(), g.spec().name(), g.version()));
            }
        }
    }

    @Test
    void traceUsesLibwaylandFormat() throws IOException {
        try (WaylandClient c = server.connect()) {
            c.roundtrip();
        }
        assertThat(server.trace()).containsPattern("\\[ *\\d+\\.\\d{3}\\] wl_display#1\\.sync\\(new id wl_callback#\\d+\\)")
                .containsPattern("\\[ *\\d+\\.\\d{3}\\]  -> wl_callback#\\d+\\.done\\(\\d+\\)")
                .containsPattern(" -> wl_display#1\\.delete_id\\(\\d+\\)");
    }

    @Test
    void unknownObjectIsInvalidObject() throws IOException {
        assertDisplayError(RawMessage.to(77, 0).word(3).build(), INVALID_OBJECT, "invalid object 77");
    }

    @Test
    void unknownOpcodeIsInvalidMethod() throws IOException {
        assertDisplayError(RawMessage.to(1, 9).word(3).build(), INVALID_METHOD, "invalid method 9");
    }

    @ParameterizedTest(name = "size field {0}")
    @ValueSource(ints = {0, 4, 7, 9, 10, 11, 13, 4100, 65532})
    void badSizeFieldIsInvalidMethod(int size) throws IOException {
        // wl_display.sync is 12 bytes; libwayland's request_bogus_size test sends every other size
        byte[] frame = RawMessage.to(1, 0).word(2).claimSize(size).build();
        assertDisplayError(frame, INVALID_METHOD, "invalid message size");
    }

    @Test
    void sizeEightForSyncIsInvalidArguments() throws IOException {
        assertDisplayError(RawMessage.to(1, 0).claimSize(8).build(), INVALID_METHOD, "invalid arguments");
    }

    @Test
    void stringWithoutNulIsInvalidMethod() throws IOException {
        try (WaylandClient c = server.connect()) {
            ClientObject registry = c.create(c.display(), "get_registry", (Object) null);
            byte[] bind = RawMessage.to(registry.id(), 0).word(1).word(4).bytes("abcd".getBytes()).word(1).word(3).build();
            assertErrorThenDisconnect(c, bind, INVALID_METHOD, "not NUL-terminated");
        }
    }

    @Test
    void stringLengthPastTheMessageIsInvalidMethod() throws IOException {
        try (WaylandClient c = server.connect()) {
            ClientObject registry = c.create(c.display(), "get_registry", (Object) null);
            byte[] bind = RawMessage.to(registry.id(), 0).word(1).word(400).bytes("ab\0\0".getBytes()).word(1).word(3).build();
            assertErrorThenDisconnect(c, bind, INVALID_METHOD, "past the message");
        }
    }

    @Test
    void newIdThatSkipsAheadIsInvalidMethod() throws IOException {
        assertDisplayError(RawMessage.to(1, 0).word(40).build(), INVALID_METHOD, "not a valid new object id (40)");
    }

    @Test
    void newIdInTheServerRangeIsInvalidMethod() throws IOException {
        assertDisplayError(RawMessage.to(1, 0).word(0xff000005).build(), INVALID_METHOD, "not a valid new object id");
    }

    @Test
    void newIdZeroIsInvalidMethod() throws IOException {
        assertDisplayError(RawMessage.to(1, 0).word(0).build(), INVALID_METHOD, "is null");
    }

    @Test
    void newIdStillInUseIsInvalidMethod() throws IOException {
        try (WaylandClient c = server.connect()) {
            ClientObject registry = c.create(c.display(), "get_registry", (Object) null);
            c.roundtrip();
            assertErrorThenDisconnect(c, RawMessage.to(1, 0).word(registry.id()).build(), INVALID_METHOD,
                    "not a valid new object id");
        }
    }

    @Test
    void bindOfAnUnknownGlobalIsInvalidObject() throws IOException {
        try (WaylandClient c = server.connect()) {
            var registry = c.registry();
            registry.object().send("bind", 4242, new NewObject("wl_shm", 1, 3));
            assertThat(c.awaitDisconnect(WAIT)).satisfies(e -> {
                assertThat(e.code()).isEqualTo(INVALID_OBJECT);
                assertThat(e.message()).contains("invalid global");
            });
        }
        assertBystanderServed();
    }

    @Test
    void requestsAfterAnErrorAreIgnoredAndOnlyOneErrorIsSent() throws IOException {
        try (WaylandClient c = server.connect()) {
            byte[] two = concat(RawMessage.to(77, 0).word(2).build(), RawMessage.to(78, 0).word(2).build());
            c.sendRaw(two);
            ServerError e = c.awaitDisconnect(WAIT);
            assertThat(e.message()).isEqualTo("invalid object 77");
            assertThat(c.display().events("error")).hasSize(1);
        }
    }

    @Test
    void longErrorMessagesAreCutLikeLibwayland() throws IOException {
        try (WaylandClient c = server.connect()) {
            var registry = c.registry();
            String longName = "x".repeat(300);
            c.sendRaw(RawMessage.to(registry.object().id(), 0).word(4242).string(longName).word(1).word(3).build());
            ServerError e = c.awaitDisconnect(WAIT);
            assertThat(e.message().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isEqualTo(127);
        }
    }

    @Test
    void truncatedMessageAtDisconnectIsHarmless() throws IOException {
        try (WaylandClient c = server.connect()) {
            byte[] sync = RawMessage.to(1, 0).word(2).build();
            c.sendRaw(java.util.Arrays.copyOf(sync, 6));
        }
        assertBystanderServed();
    }

    private static void assertDisplayError(byte[] frame, int code, String messagePart) throws IOException {
        try (WaylandClient c = server.connect()) {
            assertErrorThenDisconnect(c, frame, code, messagePart);
        }
    }

    private static void assertErrorThenDisconnect(WaylandClient c, byte[] frame, int code, String messagePart)
            throws IOException {
        c.sendRaw(frame);
        ServerError e = c.awaitDisconnect(WAIT);
        assertThat(e).as("protocol error before the disconnect").isNotNull();
        assertThat(e.objectId()).as("posted on wl_display").isEqualTo(1);
        assertThat(e.interfaceName()).isEqualTo("wl_display");
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.message()).contains(messagePart);
        assertBystanderServed();
    }

    private static void assertBystanderServed() throws IOException {
        bystander.roundtrip();
        assertThat(bystander.isClosed()).isFalse();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
