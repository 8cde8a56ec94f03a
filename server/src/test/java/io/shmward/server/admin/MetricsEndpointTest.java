package io.shmward.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.RawMessage;
import io.shmward.client.ServerError;
import io.shmward.client.WaylandClient;
import io.shmward.os.Libc;
import io.shmward.protocol.spec.Protocol;
import io.shmward.server.testing.AdminHttp;
import io.shmward.server.testing.ShmClients;
import io.shmward.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} after a scripted session: the exact counter deltas a normal client, a truncating
 * client and a protocol-error client cause.
 */
class MetricsEndpointTest {

    @Test
    void aScriptedSessionMovesEachCounterByExactlyWhatHappened() throws Exception {
        try (TestServer server = TestServer.start()) {
            Map<String, Double> before = AdminHttp.scrape(server);

            ShmClients.normalSession(server);
            ServerError truncation = ShmClients.truncatingSession(server);
            ServerError error = ShmClients.protocolErrorSession(server);
            assertThat(truncation).isNotNull();
            assertThat(truncation.interfaceName()).isEqualTo("wl_buffer");
            assertThat(error).isNotNull();
            awaitNoClients(server);

            Map<String, Double> after = AdminHttp.scrape(server);
            Map<String, Double> expected = new HashMap<>();
            expected.put("shmward_connections_accepted_total", 3.0);
            expected.put("shmward_connections_closed_total{reason=\"clean\"}", 1.0);
            expected.put("shmward_connections_closed_total{reason=\"truncation\"}", 1.0);
            expected.put("shmward_connections_closed_total{reason=\"protocol-error\"}", 1.0);
            expected.put("shmward_connections_closed_total{reason=\"limit-exceeded\"}", 0.0);
            expected.put("shmward_connections_open", 0.0);
            expected.put("shmward_protocol_errors_total{code=\"invalid_fd\",interface=\"wl_buffer\"}", 1.0);
            expected.put("shmward_protocol_errors_total{code=\"invalid_scale\",interface=\"wl_surface\"}", 1.0);
            expected.put("shmward_shm_truncations_total{detection=\"short-read\",reaction=\"error\"}", 1.0);
            expected.put("shmward_shm_truncations_total{detection=\"short-read\",reaction=\"zero-fill\"}", 0.0);
            expected.put("shmward_shm_zero_filled_bytes_total", 0.0);
            expected.put("shmward_shm_pools_opened_total{sealed=\"true\"}", 1.0);
            expected.put("shmward_shm_pools_opened_total{sealed=\"false\"}", 1.0);
            expected.put("shmward_shm_pools_live", 0.0);
            expected.put("shmward_shm_buffers_live", 0.0);
            expected.put("shmward_shm_mapped_bytes", 0.0);
            // two 4x4 reads of 64 bytes each: the normal commit and the truncating client's first commit;
            // the read that found the file empty is counted too (bytes asked for, as consumed)
            expected.put("shmward_shm_consumed_bytes_total", 192.0);
            // only commits that took effect: the truncated one did not
            expected.put("shmward_commits_total", 2.0);
            // wl_surface: attach, damage_buffer, commit (x2 for the truncating client) and set_buffer_scale
            expected.put("shmward_requests_total{interface=\"wl_surface\"}", 10.0);
            expected.put("shmward_requests_total{interface=\"wl_shm_pool\"}", 2.0);
            // each buffer was released once after its consumption
            expected.put("shmward_events_total{interface=\"wl_buffer\"}", 2.0);
            // two pool fds in, both closed by shm when their clients left
            expected.put("shmward_fds_received_total", 2.0);
            expected.put("shmward_fds_closed_total{by=\"shm\"}", 2.0);
            expected.put("shmward_fds_closed_total{by=\"transport\"}", 0.0);
            expected.put("shmward_fds_closed_total{by=\"request\"}", 0.0);

            Map<String, Double> deltas = new HashMap<>();
            for (String series : expected.keySet()) {
                assertThat(after).as("series %s is exported", series).containsKey(series);
                boolean gauge = !series.contains("_total");
                deltas.put(series, gauge ? after.get(series) : after.get(series) - before.getOrDefault(series, 0.0));
            }
            assertThat(deltas).containsExactlyInAnyOrderEntriesOf(expected);
        }
    }

    @Test
    void underZeroFillTheTruncationIsCountedWithItsZeroBytesAndTheClientStays() throws Exception {
        try (TestServer server = TestServer.start("shm:\n  truncation: zero-fill\n")) {
            Map<String, Double> before = AdminHttp.scrape(server);
            assertThat(ShmClients.truncatingSession(server)).isNull();
            awaitNoClients(server);
            Map<String, Double> after = AdminHttp.scrape(server);
            String zeroFill = "shmward_shm_truncations_total{detection=\"short-read\",reaction=\"zero-fill\"}";
            assertThat(after.get(zeroFill) - before.get(zeroFill)).isEqualTo(1.0);
            assertThat(after.get("shmward_shm_zero_filled_bytes_total")
                    - before.get("shmward_shm_zero_filled_bytes_total")).isEqualTo(64.0);
            assertThat(after.get("shmward_connections_closed_total{reason=\"clean\"}")).isEqualTo(1.0);
            assertThat(after.get("shmward_commits_total")).isEqualTo(2.0);
        }
    }

    @Test
    void scrapesComeInPrometheusTextUnlessOpenMetricsIsAskedFor() throws Exception {
        try (TestServer server = TestServer.start()) {
            AdminHttp.Reply text = AdminHttp.getOverTcp(server, "/metrics", null);
            assertThat(text.header("content-type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(text.body()).contains("# TYPE shmward_connections_accepted_total counter",
                    "jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "process_files_open_files",
                    "process_cpu_seconds_total", "process_uptime_seconds");

            var request = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(AdminHttp.baseUrl(server) + "metrics"))
                    .header("Accept", "application/openmetrics-text; version=1.0.0").GET().build();
            HttpResponse<String> open = java.net.http.HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(open.headers().firstValue("content-type").orElseThrow()).startsWith("application/openmetrics-text");
            assertThat(open.body()).endsWith("# EOF\n");
        }
    }

    @Test
    void fdsNoRequestTookAreCountedClosedByTheTransport() throws Exception {
        try (TestServer server = TestServer.start()) {
            Map<String, Double> before = AdminHttp.scrape(server);
            int probe = Libc.memfdCreate("metrics-fd-probe", Libc.MFD_CLOEXEC);
            try (WaylandClient c = server.connect()) {
                // a wl_display.sync carrying three fds it does not take: they wait in the queue until the client leaves
                int callback = c.allocate(Protocol.standard().get("wl_callback"), 1).id();
                c.sendRaw(RawMessage.to(1, 0).word(callback).build(), probe, probe, probe);
                c.roundtrip();
            } finally {
                Libc.close(probe);
            }
            awaitNoClients(server);
            Map<String, Double> after = AdminHttp.scrape(server);
            assertThat(after.get("shmward_fds_received_total") - before.get("shmward_fds_received_total")).isEqualTo(3.0);
            assertThat(after.get("shmward_fds_closed_total{by=\"transport\"}")
                    - before.get("shmward_fds_closed_total{by=\"transport\"}")).isEqualTo(3.0);
        }
    }

    static void awaitNoClients(TestServer server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.clientCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.clientCount()).isZero();
    }
}
