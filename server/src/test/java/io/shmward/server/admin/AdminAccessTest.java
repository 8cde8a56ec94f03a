package io.shmward.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.client.MemFile;
import io.shmward.client.RoundTripTimer;
import io.shmward.client.ShmScene;
import io.shmward.client.WaylandClient;
import io.shmward.server.testing.AdminHttp;
import io.shmward.server.testing.DebianTool;
import io.shmward.server.testing.ShmClients;
import io.shmward.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Who sees what: over TCP, which any local user can reach, only aggregates unless the full API was opened
 * on purpose, and then only with the token; the full API on the Unix socket, which only the server's user
 * can open.
 */
class AdminAccessTest {
    @Test
    void overTcpWithoutTheApiOpenedOnlyAggregatesAreServed() throws Exception {
        try (TestServer server = TestServer.start(); WaylandClient c = server.connect()) {
            ShmClients.truncatingSession(server);
            ShmClients.show(c, ShmClients.solid(16, 16, "argb8888", 0xff00ff00), true);
            long surface = firstSurface(server);

            assertThat(AdminHttp.getOverTcp(server, "/api/clients", null).status()).isEqualTo(403);
            assertThat(AdminHttp.getOverTcp(server, "/api/surfaces", null).status()).isEqualTo(403);
            AdminHttp.Reply snapshot = AdminHttp.getOverTcp(server, "/api/surfaces/" + surface + "/snapshot.png", null);
            assertThat(snapshot.status()).isEqualTo(403);
            assertThat(snapshot.body()).contains("curl --unix-socket " + AdminHttp.unixSocket(server));
            assertThat(AdminHttp.getOverTcp(server, "/api/clients", "guess").status()).as("a token opens nothing here")
                    .isEqualTo(403);

            assertThat(AdminHttp.getOverTcp(server, "/metrics", null).status()).isEqualTo(200);
            assertThat(AdminHttp.getOverTcp(server, "/", null).status()).isEqualTo(200);
            AdminHttp.Reply status = AdminHttp.getOverTcp(server, "/api/status", null);
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.body()).contains("\"events_shown\":false", "\"truncations\":[]")
                    .doesNotContain("\"pid\"");
            assertThat(server.server().admin().orElseThrow().tokenFile()).as("no token without the API open").isNull();
        }
    }

    @Test
    void onTheUnixSocketTheFullApiIsServed() throws Exception {
        try (TestServer server = TestServer.start(); WaylandClient c = server.connect()) {
            ShmClients.truncatingSession(server);
            ShmClients.show(c, ShmClients.solid(16, 16, "argb8888", 0xff00ff00), true);
            long surface = firstSurface(server);
            Path socket = AdminHttp.unixSocket(server);
            assertThat(socket.getParent()).isEqualTo(server.runtimeDir());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");

            assertThat(AdminHttp.get(server, "/api/clients").body()).contains("\"pid\"");
            AdminHttp.Reply png = AdminHttp.get(server, "/api/surfaces/" + surface + "/snapshot.png");
            assertThat(png.status()).isEqualTo(200);
            assertThat(png.header("content-type")).isEqualTo("image/png");
            assertThat(AdminHttp.get(server, "/api/status").body()).contains("\"events_shown\":true", "\"pid\"");
        }
    }

    @Test
    void overTcpWithTheApiOpenedTheTokenIsNeeded() throws Exception {
        try (TestServer server = TestServer.start("admin:\n  port: 0\n  api-over-tcp: true\n");
             WaylandClient c = server.connect()) {
            ShmClients.truncatingSession(server);
            c.roundtrip();
            Path tokenFile = server.server().admin().orElseThrow().tokenFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            String token = AdminHttp.token(server);
            assertThat(token).hasSize(64);

            assertThat(AdminHttp.getOverTcp(server, "/api/clients", null).status()).isEqualTo(401);
            assertThat(AdminHttp.getOverTcp(server, "/api/clients", token + "x").status()).isEqualTo(401);
            AdminHttp.Reply clients = AdminHttp.getOverTcp(server, "/api/clients", token);
            assertThat(clients.status()).isEqualTo(200);
            assertThat(clients.body()).contains("\"pid\"");
            assertThat(AdminHttp.getOverTcp(server, "/api/status", token).body()).contains("\"events_shown\":true");
        }
    }

    @Test
    void aConfiguredTokenIsUsedAndTheFilesGoAtShutdown() throws Exception {
        Path socket;
        Path tokenFile;
        try (TestServer server = TestServer.start("admin:\n  port: 0\n  api-over-tcp: true\n  token: s3cret-for-a-test\n")) {
            socket = AdminHttp.unixSocket(server);
            tokenFile = server.server().admin().orElseThrow().tokenFile();
            assertThat(Files.readString(tokenFile, StandardCharsets.UTF_8).strip()).isEqualTo("s3cret-for-a-test");
            assertThat(AdminHttp.getOverTcp(server, "/api/surfaces", "s3cret-for-a-test").status()).isEqualTo(200);
        }
        assertThat(socket).doesNotExist();
        assertThat(tokenFile).doesNotExist();
    }

    /** Another user cannot even open the Unix socket: curl run as nobody is refused by the file system. */
    @Test
    void anotherUserCannotOpenTheUnixSocket() throws Exception {
        Path curl = DebianTool.require("curl", "curl");
        Path runuser = DebianTool.require("runuser", "util-linux");
        try (TestServer server = TestServer.start()) {
            Path socket = AdminHttp.unixSocket(server);
            Process asOwner = new ProcessBuilder(curl.toString(), "-s", "-o", "/dev/null", "-w", "%{http_code}",
                    "--unix-socket", socket.toString(), "http://localhost/api/clients").redirectErrorStream(true).start();
            assertThat(asOwner.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(asOwner.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("200");

            Process asNobody = new ProcessBuilder(runuser.toString(), "-u", "nobody", "--", curl.toString(), "-sS",
                    "--unix-socket", socket.toString(), "http://localhost/api/clients").redirectErrorStream(true).start();
            assertThat(asNobody.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String said = new String(asNobody.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(asNobody.exitValue()).as("curl's 'could not connect': " + said).isEqualTo(7);
            assertThat(said).doesNotContain("pid");
            Process look = new ProcessBuilder(runuser.toString(), "-u", "nobody", "--", "ls", socket.toString())
                    .redirectErrorStream(true).start();
            assertThat(look.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(look.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .as("why: the runtime directory is the server user's alone").contains("Permission denied");
        }
    }

    /**
     * Snapshots of a large surface requested over and over, four at a time: the protocol loop only finds and
     * pins them (the copy and the encoding are the admin threads'), at most two are encoded at once, and a
     * bystander's round trips are not held.
     */
    @Test
    void concurrentSnapshotsOfALargeSurfaceDoNotHoldTheLoop() throws Exception {
        int side = 4096; // 64 MiB of pixels
        try (TestServer server = TestServer.start();
             WaylandClient c = server.connect();
             WaylandClient bystander = server.connect();
             MemFile file = MemFile.sealedMemfd("large", (long) side * side * 4)) {
            file.fillPixels(0, (long) side * side * 4, 0xff4080c0);
            ShmScene s = ShmScene.on(c);
            ClientObject pool = s.createPool(file.fd(), side * side * 4);
            ClientObject buffer = s.createBuffer(pool, 0, side, side, side * 4, ShmScene.ARGB8888);
            s.show(s.createSurface(), buffer, side, side);
            c.roundtrip(Duration.ofSeconds(30));
            long surface = firstSurface(server);

            RoundTripTimer timer = RoundTripTimer.start(bystander, Duration.ofSeconds(10));
            List<Integer> statuses = new ArrayList<>();
            try {
                for (int round = 0; round < 3; round++) {
                    List<CompletableFuture<Integer>> requests = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        requests.add(CompletableFuture.supplyAsync(() -> {
                            try {
                                return AdminHttp.get(server, "/api/surfaces/" + surface + "/snapshot.png").status();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }));
                    }
                    for (CompletableFuture<Integer> r : requests) {
                        statuses.add(r.get(60, TimeUnit.SECONDS));
                    }
                }
            } finally {
                timer.close();
            }
            assertThat(statuses).allMatch(status -> status == 200 || status == 503).contains(200);
            assertThat(timer.failures()).isZero();
            assertThat(timer.slowest()).as("a 64 MiB copy on the loop would hold it").isLessThan(Duration.ofMillis(500));
        }
    }

    private static long firstSurface(TestServer server) throws Exception {
        String surfaces = AdminHttp.get(server, "/api/surfaces").body();
        int at = surfaces.indexOf("\"id\":") + 5;
        return Long.parseLong(surfaces.substring(at, surfaces.indexOf(',', at)));
    }
}
