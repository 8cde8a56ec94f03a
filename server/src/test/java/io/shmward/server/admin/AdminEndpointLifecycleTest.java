package io.shmward.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmward.server.ShmwardServer;
import io.shmward.server.config.ConfigLoader;
import io.shmward.server.config.ShmwardConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin endpoint's address, its absence when turned off, and a clear failure when its port is taken. */
class AdminEndpointLifecycleTest {

    @Test
    void aTakenPortFailsTheStartWithAHintAndLeavesNoSocketBehind(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path socket = dir.resolve("wayland-taken");
            ShmwardConfig config = config(socket, new ShmwardConfig.Admin(true, "127.0.0.1", taken.getLocalPort(), false, ""));
            assertThatThrownBy(() -> ShmwardServer.start(config).close())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("--admin");
            assertThat(Files.exists(socket)).isFalse();
        }
    }

    @Test
    void offMeansNoEndpointAndAClosedServerFreesItsPort(@TempDir Path dir) throws Exception {
        try (ShmwardServer off = ShmwardServer.start(config(dir.resolve("w-off"), new ShmwardConfig.Admin(false, "127.0.0.1", 0, false, "")))) {
            assertThat(off.adminUrl()).isEmpty();
        }
        int port;
        try (ShmwardServer on = ShmwardServer.start(config(dir.resolve("w-on"), new ShmwardConfig.Admin(true, "127.0.0.1", 0, false, "")))) {
            String url = on.adminUrl().orElseThrow();
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/");
            port = URI.create(url).getPort();
        }
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    private static ShmwardConfig config(Path socket, ShmwardConfig.Admin admin) throws IOException {
        return ConfigLoader.defaults().withSocket(socket.toString()).withAdmin(admin);
    }
}
