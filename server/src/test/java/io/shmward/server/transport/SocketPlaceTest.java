package io.shmward.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmward.client.WaylandClient;
import io.shmward.server.core.CoreObserver;
import io.shmward.server.core.Display;
import io.shmward.server.core.OffLoop;
import io.shmward.server.core.ProtocolTrace;
import io.shmward.server.fd.FdCloser;
import io.shmward.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket's name, lock file and clean-up follow libwayland's conventions. */
class SocketPlaceTest {

    @Test
    void aRelativeNameGoesUnderXdgRuntimeDir(@TempDir Path dir) throws IOException {
        SocketPlace p = SocketPlace.resolve("wayland-x", dir.toString());
        assertThat(p.socket()).isEqualTo(dir.resolve("wayland-x"));
        assertThat(p.lockFile()).isEqualTo(dir.resolve("wayland-x.lock"));
        assertThat(p.clientEnvironment()).isEqualTo("XDG_RUNTIME_DIR=" + dir + " WAYLAND_DISPLAY=wayland-x");
    }

    @Test
    void withoutXdgRuntimeDirAPrivateDirectoryIsMade() throws IOException {
        SocketPlace p = SocketPlace.resolve("wayland-x", null);
        try {
            assertThat(p.privateRuntimeDir()).isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p.runtimeDir()))).isEqualTo("rwx------");
            assertThat(p.clientEnvironment()).startsWith("XDG_RUNTIME_DIR=" + p.runtimeDir() + " ");
        } finally {
            Files.delete(p.runtimeDir());
        }
    }

    @Test
    void overlongPathsAreRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> SocketPlace.resolve("/" + "x".repeat(120), null)).hasMessageContaining("longer than");
        assertThatThrownBy(() -> SocketPlace.resolve("a/b", dir.toString())).hasMessageContaining("plain name");
    }

    @Test
    void aSecondServerOnTheSameNameFailsClearlyAndTheFirstKeepsServing() throws IOException {
        try (TestServer first = TestServer.start()) {
            SocketPlace same = SocketPlace.resolve(first.socket().toString(), null);
            try (FdCloser closer = FdCloser.start(1, 1, 1, 1)) {
                assertThatThrownBy(() -> WaylandSocketServer.start(same, TransportLimits.DEFAULTS, closer,
                        TransportObserver.NONE, loop -> null)).hasMessageContaining("in use");
            }
            try (WaylandClient c = first.connect()) {
                c.roundtrip();
            }
        }
    }

    @Test
    void aStaleSocketIsReplacedAndFilesAreRemovedAtShutdown(@TempDir Path dir) throws IOException {
        Path socket = dir.resolve("wayland-stale");
        Files.writeString(socket, "left behind by a crashed server");
        SocketPlace place = SocketPlace.resolve(socket.toString(), null);
        try (FdCloser closer = FdCloser.start(1, 1, 1, 1);
             WaylandSocketServer s = WaylandSocketServer.start(place, TransportLimits.DEFAULTS, closer,
                     TransportObserver.NONE, loop -> new Display(ProtocolTrace.OFF, CoreObserver.NONE, 1000, 100_000, Map.of(),
                             new OffLoop(loop, Duration.ofSeconds(1), 1)))) {
            try (WaylandClient c = WaylandClient.connect(socket)) {
                c.roundtrip();
            }
        }
        assertThat(socket).doesNotExist();
        assertThat(place.lockFile()).doesNotExist();
    }
}
