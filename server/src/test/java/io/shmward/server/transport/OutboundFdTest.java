package io.shmward.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.client.MemFile;
import io.shmward.client.WaylandClient;
import io.shmward.os.Libc;
import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.Protocol;
import io.shmward.protocol.wayland.WlKeyboard;
import io.shmward.protocol.wire.Message;
import io.shmward.server.core.Client;
import io.shmward.server.core.Resource;
import io.shmward.server.testing.ProcessFds;
import io.shmward.server.testing.TestServer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Events carry fds out: the client receives a working fd, and the server keeps no copy of it. */
class OutboundFdTest {
    private static final InterfaceSpec WL_KEYBOARD = Protocol.standard().get("wl_keyboard");

    /** A keyboard that sends its keymap on bind, the way a seat's keyboard does. */
    private static final class KeymapKeyboard extends Resource<WlKeyboard.Request> {
        KeymapKeyboard(Client client, int id, int version, int fd, int size) {
            this(client, id, version, new int[] {fd}, size);
        }

        /** One keymap event per fd, all in the same batch. */
        KeymapKeyboard(Client client, int id, int version, int[] fds, int size) {
            super(client, id, WlKeyboard.TYPE, version);
            for (int fd : fds) {
                send(WL_KEYBOARD.event("keymap"), WL_KEYBOARD.enumeration("keymap_format").value("xkb_v1"), fd, size);
            }
        }

        @Override
        protected void onRequest(WlKeyboard.Request request) {
            switch (request) {
                case WlKeyboard.Release() -> destroy();
            }
        }
    }

    private static int dup(int fd) {
        try {
            return Libc.dup(fd);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anEventsFdArrivesReadableAndTheServerClosesItsCopy() throws Exception {
        byte[] keymap = "xkb_keymap { };\n".getBytes(StandardCharsets.UTF_8);
        try (TestServer server = TestServer.start(); MemFile source = MemFile.memfd("keymap-out", keymap.length)) {
            source.write(0, keymap);
            server.server().onLoop(() -> {
                server.server().display().globals().add(WL_KEYBOARD, 1,
                        (client, id, version) -> new KeymapKeyboard(client, id, version, dup(source.fd()), keymap.length));
                return null;
            });
            try (WaylandClient c = server.connect()) {
                ClientObject keyboard = c.registry().bind("wl_keyboard", 1);
                c.dispatchUntil(() -> !keyboard.events("keymap").isEmpty(), Duration.ofSeconds(5));
                Message event = keyboard.events("keymap").getFirst();
                int fd = event.claimFd(1);
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment got = arena.allocate(keymap.length);
                    assertThat(Libc.pread(fd, got, keymap.length, 0)).isEqualTo(keymap.length);
                    assertThat(got.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)).isEqualTo(keymap);
                } finally {
                    Libc.close(fd);
                }
                // the source memfd itself, and nothing else of that name: the server closes its dup once the
                // kernel has taken it, just after the write returns, which the client may see first
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (ProcessFds.countLinkingTo("keymap-out") > 1 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(ProcessFds.countLinkingTo("keymap-out")).isEqualTo(1);
            }
        }
    }

    /**
     * More fds than one sendmsg carries (libwayland's 28): each reaches the client with or before its own
     * message, in order. Sixty keymaps in one bind, each its own memfd with its own bytes.
     */
    @Test
    void sixtyFdsInOneBatchArriveEachWithItsMessage() throws Exception {
        int count = 60;
        MemFile[] sources = new MemFile[count];
        try (TestServer server = TestServer.start()) {
            for (int i = 0; i < count; i++) {
                sources[i] = MemFile.memfd("keymap-" + i, 4);
                sources[i].write(0, new byte[] {(byte) i, 1, 2, 3});
            }
            server.server().onLoop(() -> {
                server.server().display().globals().add(WL_KEYBOARD, 1, (client, id, version) -> {
                    int[] fds = new int[count];
                    for (int i = 0; i < count; i++) {
                        fds[i] = dup(sources[i].fd());
                    }
                    new KeymapKeyboard(client, id, version, fds, 4);
                });
                return null;
            });
            try (WaylandClient c = server.connect()) {
                ClientObject keyboard = c.registry().bind("wl_keyboard", 1);
                c.dispatchUntil(() -> keyboard.events("keymap").size() == count, Duration.ofSeconds(5));
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment got = arena.allocate(4);
                    for (int i = 0; i < count; i++) {
                        int fd = keyboard.events("keymap").get(i).claimFd(1);
                        try {
                            assertThat(Libc.pread(fd, got, 4, 0)).isEqualTo(4);
                            assertThat(got.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0)).as("keymap %d", i)
                                    .isEqualTo((byte) i);
                        } finally {
                            Libc.close(fd);
                        }
                    }
                }
            }
        } finally {
            for (MemFile f : sources) {
                if (f != null) {
                    f.close();
                }
            }
        }
    }
}
