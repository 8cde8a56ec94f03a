package io.shmward.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.server.testing.DebianTool;
import io.shmward.server.testing.TestServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Debian's wayland-info, a real libwayland client, connects, lists the globals and exits 0. */
class WaylandInfoTest {

    @Test
    void waylandInfoListsEveryGlobal() throws Exception {
        DebianTool.require("wayland-info", "wayland-utils");
        try (TestServer server = TestServer.start()) {
            ProcessBuilder pb = new ProcessBuilder("wayland-info").redirectErrorStream(true);
            pb.environment().put("XDG_RUNTIME_DIR", server.runtimeDir().toString());
            pb.environment().put("WAYLAND_DISPLAY", server.socket().toString());
            Process p = pb.start();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("wayland-info finished").isTrue();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.exitValue()).as("exit status; output:%n%s", out).isZero();
            var globals = server.server().onLoop(() -> server.server().display().globals().all());
            assertThat(globals).extracting(g -> g.spec().name() + " v" + g.version()).contains("wl_compositor v6",
                    "wl_subcompositor v1", "wl_output v4", "wl_seat v9", "wl_data_device_manager v3", "xdg_wm_base v5");
            for (var g : globals) {
                assertThat(out).containsPattern("interface: '" + g.spec().name() + "',\\s+version:\\s+" + g.version()
                        + ",\\s+name:\\s+" + g.name());
            }
            assertThat(server.clientCount()).isZero();
        }
    }
}
