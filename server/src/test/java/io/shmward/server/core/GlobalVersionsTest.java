package io.shmward.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmward.client.ClientObject;
import io.shmward.client.ServerError;
import io.shmward.client.WaylandClient;
import io.shmward.server.testing.DebianTool;
import io.shmward.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code globals:} in the configuration caps the versions the registry advertises, or hides a global. */
class GlobalVersionsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int INVALID_OBJECT = 0;

    @Test
    void aCappedGlobalIsAdvertisedAtItsCapAndABindAboveItIsRefused() throws IOException {
        try (TestServer server = TestServer.start("globals: { xdg_wm_base: 3, wl_seat: 0 }\n");
             WaylandClient c = server.connect()) {
            var registry = c.registry();
            assertThat(registry.find("xdg_wm_base").version()).isEqualTo(3);
            assertThat(registry.globals()).noneMatch(g -> g.interfaceName().equals("wl_seat"));
            assertThat(registry.find("wl_compositor").version()).as("not listed: the implemented version").isEqualTo(6);

            ClientObject wmBase = registry.bind("xdg_wm_base", 3);
            c.roundtrip();
            assertThat(c.isClosed()).as("bound at the cap: %s", wmBase).isFalse();
            registry.bind(registry.find("xdg_wm_base").name(), "xdg_wm_base", 4);
            ServerError e = c.awaitDisconnect(WAIT);
            assertThat(e.interfaceName()).isEqualTo("wl_registry");
            assertThat(e.code()).isEqualTo(INVALID_OBJECT);
        }
    }

    @Test
    void aNameShmwardDoesNotOfferStopsTheStart() {
        assertThatThrownBy(() -> TestServer.start("globals: { wl_sheet: 1 }\n").close())
                .isInstanceOf(IOException.class).hasMessageContaining("no global named wl_sheet");
    }

    @Test
    void aVersionAboveTheImplementedOneStopsTheStart() {
        assertThatThrownBy(() -> TestServer.start("globals: { wl_shm: 9 }\n").close())
                .isInstanceOf(IOException.class).hasMessageContaining("wl_shm 9 is above the version Shmward implements, 2");
    }

    @Test
    void aNegativeVersionStopsTheStart() {
        assertThatThrownBy(() -> TestServer.start("globals: { wl_shm: -1 }\n").close())
                .isInstanceOf(IOException.class).hasMessageContaining("wl_shm needs a version of 0 (hidden) or more");
    }

    /**
     * Weston 10's presentation-shm binds xdg_wm_base at whatever version it is offered but handles only v1-3
     * toplevel events, so it aborts on v4's configure_bounds; capped at 3 it runs.
     */
    @Test
    void westonPresentationShmRunsWithXdgWmBaseCappedAtThree() throws Exception {
        DebianTool.require("weston-presentation-shm", "weston");
        try (TestServer server = TestServer.start("globals: { xdg_wm_base: 3 }\n")) {
            Path output = Files.createTempFile("shmward-presentation-shm-", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder("weston-presentation-shm").redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                pb.environment().remove("DISPLAY");
                pb.environment().put("XDG_RUNTIME_DIR", server.runtimeDir().toString());
                pb.environment().put("WAYLAND_DISPLAY", server.socket().toString());
                Process p = pb.start();
                boolean ended = p.waitFor(3, TimeUnit.SECONDS);
                assertThat(ended).as("still running after 3 s; output:%n%s", Files.readString(output)).isFalse();
                long commits = server.server().onLoop(() -> server.server().shell().toplevels().stream()
                        .mapToLong(t -> t.surface().commits()).sum());
                assertThat(commits).as("it drew").isPositive();
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
                assertThat(Files.readString(output)).doesNotContainIgnoringCase("protocol error");
            } finally {
                Files.deleteIfExists(output);
            }
        }
    }
}
