package io.shmward.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shmward.server.testing.AdminHttp;
import io.shmward.server.testing.HeadlessChromium;
import io.shmward.server.testing.ShmClients;
import io.shmward.server.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The status page in a real browser: it loads with no external assets, shows live counters, and a
 * truncation that happens while it is open appears without a reload. The screenshot is kept in
 * target/status-page.png for a person to look at.
 */
class StatusPageTest {
    private static final Duration APPEAR = Duration.ofSeconds(15);

    @Test
    void aTruncationAppearsOnTheOpenPageWithoutAReload() throws Exception {
        try (TestServer server = TestServer.start("admin:\n  port: 0\n  api-over-tcp: true\n");
             HeadlessChromium browser = HeadlessChromium.start()) {
            ShmClients.normalSession(server);
            browser.navigate(AdminHttp.baseUrl(server) + "#token=" + AdminHttp.token(server));
            JsonNode state = browser.awaitValue("document.getElementById('state').textContent",
                    v -> v.asText().startsWith("live"), APPEAR);
            assertThat(state.asText()).startsWith("live");
            assertThat(eventRows(browser)).isZero();
            browser.evaluate("window.shmwardTestMarker = 'same page'");

            ShmClients.truncatingSession(server);

            JsonNode rows = browser.awaitValue("document.querySelectorAll('#truncations tr.event').length",
                    v -> v.asInt() > 0, APPEAR);
            assertThat(rows.asInt()).isEqualTo(1);
            assertThat(browser.evaluate("window.shmwardTestMarker").asText()).as("no reload").isEqualTo("same page");
            String row = browser.evaluate("document.querySelector('#truncations tr.event').innerText").asText();
            assertThat(row).contains("wl_buffer#", "pid " + ProcessHandle.current().pid(), "error");
            String errors = browser.evaluate("document.getElementById('errors').innerText").asText();
            assertThat(errors).contains("wl_buffer.invalid_fd");
            String counters = browser.evaluate("document.getElementById('counters').innerText").asText();
            assertThat(counters).contains("truncations").contains("commits");

            byte[] png = browser.screenshot();
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(shot.getWidth()).isGreaterThan(600);
            Path out = Path.of("target", "status-page.png");
            Files.createDirectories(out.getParent());
            Files.write(out, png);
        }
    }

    /** Without the token the page still renders and counts, and names no client. */
    @Test
    void withoutTheTokenThePageShowsCountsAndNoClient() throws Exception {
        try (TestServer server = TestServer.start(); HeadlessChromium browser = HeadlessChromium.start()) {
            ShmClients.truncatingSession(server);
            browser.navigate(AdminHttp.baseUrl(server));
            JsonNode counters = browser.awaitValue("document.getElementById('counters').innerText",
                    v -> v.asText().contains("1\ntruncations"), APPEAR);
            assertThat(counters.asText()).contains("commits");
            assertThat(eventRows(browser)).isZero();
            String page = browser.evaluate("document.body.innerText").asText();
            assertThat(page).contains("shown with the full admin API").doesNotContain("pid ");
        }
    }

    private static int eventRows(HeadlessChromium browser) throws Exception {
        return browser.evaluate("document.querySelectorAll('#truncations tr.event').length").asInt();
    }
}
