package io.shmward.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shmward.client.WaylandClient;
import io.shmward.server.compositor.ShellClient;
import io.shmward.server.testing.AdminHttp;
import io.shmward.server.testing.ShmClients;
import io.shmward.server.testing.ShmClients.Picture;
import io.shmward.server.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** {@code /api/clients}, {@code /api/surfaces} and {@code snapshot.png} against live Java clients. */
class AdminApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long OUR_PID = ProcessHandle.current().pid();

    /** Premultiplied argb8888 words and the straight-alpha ARGB a PNG must hold for each. */
    private static final int[] ARGB_WORDS = {0xffff0000, 0x80400000, 0x00000000, 0x40102030, 0xff00ff00, 0xff0000ff};
    private static final int[] ARGB_STRAIGHT = {0xffff0000, 0x80800000, 0x00000000, 0x404080bf, 0xff00ff00, 0xff0000ff};

    @Test
    void clientsAndSurfacesAreListedWithWhatTheyHold() throws Exception {
        try (TestServer server = TestServer.start(); WaylandClient c = server.connect()) {
            ShmClients.Shown shown = ShmClients.show(c, new Picture(3, 2, "argb8888", ARGB_WORDS), false);
            shown.file().close();

            JsonNode clients = JSON.readTree(AdminHttp.get(server, "/api/clients").body());
            assertThat(clients).hasSize(1);
            JsonNode client = clients.get(0);
            assertThat(client.get("pid").asLong()).isEqualTo(OUR_PID);
            assertThat(client.get("uid").asInt()).isGreaterThanOrEqualTo(0);
            assertThat(client.get("command").asText()).isNotBlank();
            // wl_display, wl_registry, wl_compositor, wl_shm, wl_shm_pool, wl_buffer, wl_surface
            assertThat(client.get("objects").asInt()).isEqualTo(7);
            assertThat(client.get("pools").asInt()).isEqualTo(1);
            assertThat(client.get("buffers").asInt()).isEqualTo(1);
            assertThat(client.get("surfaces").asInt()).isEqualTo(1);
            assertThat(client.get("errors").asInt()).isZero();

            JsonNode surfaces = JSON.readTree(AdminHttp.get(server, "/api/surfaces").body());
            assertThat(surfaces).hasSize(1);
            JsonNode s = surfaces.get(0);
            assertThat(s.get("id").asLong()).isEqualTo(1);
            assertThat(s.get("client").get("pid").asLong()).isEqualTo(OUR_PID);
            assertThat(s.get("object_id").asInt()).isEqualTo(shown.surface().id());
            assertThat(s.get("role").isNull()).isTrue();
            assertThat(s.has("title")).isTrue();
            assertThat(s.has("app_id")).isTrue();
            assertThat(s.get("width").asInt()).isEqualTo(3);
            assertThat(s.get("height").asInt()).isEqualTo(2);
            assertThat(s.get("stride").asInt()).isEqualTo(12);
            assertThat(s.get("format").asText()).isEqualTo("argb8888");
            assertThat(s.get("commits").asLong()).isEqualTo(1);
            assertThat(s.get("mapped").asBoolean()).isTrue();
        }
    }

    @Test
    void toplevelsShowTheirRoleTitleAndAppId() throws Exception {
        try (TestServer server = TestServer.start(); ShellClient c = ShellClient.connect(server)) {
            ShellClient.Window w = c.toplevel();
            w.toplevel().send("set_title", "Hello, Shmward");
            w.toplevel().send("set_app_id", "org.example.hello");
            c.initialize(w);
            w.surface().send("attach", c.buffer(8, 6, 0x00102030).id(), 0, 0);
            w.surface().send("commit");
            c.wl.roundtrip();

            JsonNode surfaces = JSON.readTree(AdminHttp.get(server, "/api/surfaces").body());
            assertThat(surfaces).hasSize(1);
            JsonNode s = surfaces.get(0);
            assertThat(s.get("role").asText()).isEqualTo("xdg_toplevel");
            assertThat(s.get("title").asText()).isEqualTo("Hello, Shmward");
            assertThat(s.get("app_id").asText()).isEqualTo("org.example.hello");
            assertThat(s.get("width").asInt()).isEqualTo(8);
            assertThat(s.get("format").asText()).isEqualTo("xrgb8888");
            assertThat(s.get("commits").asLong()).isEqualTo(2);
            assertThat(s.get("mapped").asBoolean()).isTrue();
            BufferedImage png = snapshot(server, s.get("id").asLong());
            assertThat(png.getRGB(7, 5)).isEqualTo(0xff102030);
        }
    }

    @Test
    void argbSnapshotsArePngsWithStraightAlphaPixelForPixel() throws Exception {
        try (TestServer server = TestServer.start(); WaylandClient c = server.connect()) {
            ShmClients.show(c, new Picture(3, 2, "argb8888", ARGB_WORDS), false).file().close();
            BufferedImage png = snapshot(server, 1);
            assertThat(png.getWidth()).isEqualTo(3);
            assertThat(png.getHeight()).isEqualTo(2);
            assertThat(png.getColorModel().hasAlpha()).isTrue();
            assertThat(png.getRGB(0, 0, 3, 2, null, 0, 3)).containsExactly(ARGB_STRAIGHT);
        }
    }

    @Test
    void xrgbSnapshotsAreOpaqueWhateverTheUnusedByteHolds() throws Exception {
        int[] words = {0x12abcdef, 0x00000000, 0x7f010203, 0xffffffff};
        try (TestServer server = TestServer.start(); WaylandClient c = server.connect()) {
            ShmClients.show(c, new Picture(2, 2, "xrgb8888", words), true).file().close();
            BufferedImage png = snapshot(server, 1);
            assertThat(png.getColorModel().hasAlpha()).isFalse();
            assertThat(png.getRGB(0, 0, 2, 2, null, 0, 2))
                    .containsExactly(0xffabcdef, 0xff000000, 0xff010203, 0xffffffff);
        }
    }

    @Test
    void unknownSurfacesPathsAndMethodsAreRefused() throws Exception {
        try (TestServer server = TestServer.start()) {
            assertThat(AdminHttp.get(server, "/api/surfaces/99/snapshot.png").status()).isEqualTo(404);
            assertThat(AdminHttp.get(server, "/api/nothing").status()).isEqualTo(404);
            HttpResponse<String> post = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(AdminHttp.baseUrl(server) + "metrics"))
                            .POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            AdminHttp.Reply page = AdminHttp.get(server, "/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("content-type")).startsWith("text/html");
            assertThat(page.body()).contains("fetch(\"/api/status\"").doesNotContain("src=\"http", "href=\"http");
        }
    }

    private static BufferedImage snapshot(TestServer server, long id) throws Exception {
        AdminHttp.Reply r = AdminHttp.get(server, "/api/surfaces/" + id + "/snapshot.png");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("image/png");
        return ImageIO.read(new ByteArrayInputStream(r.bytes()));
    }
}
