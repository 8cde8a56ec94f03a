package io.shmward.server.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shmward.server.testing.ShmClients;
import io.shmward.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The structured event log: one JSON line per truncation and per protocol error, with who and how much. */
class EventLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long OUR_PID = ProcessHandle.current().pid();

    @Test
    void truncationsAndProtocolErrorsAreOneJsonLineEach(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("logs/events.jsonl");
        Instant start = Instant.now();
        try (TestServer server = TestServer.start("event-log:\n  enabled: true\n  path: " + log + "\n")) {
            ShmClients.truncatingSession(server);
            ShmClients.protocolErrorSession(server);
            List<JsonNode> lines = awaitLines(log, 3);

            JsonNode truncation = lines.get(0);
            assertThat(truncation.get("type").asText()).isEqualTo("truncation");
            assertThat(Instant.parse(truncation.get("time").asText())).isBetween(start, Instant.now());
            assertThat(truncation.get("client").get("pid").asLong()).isEqualTo(OUR_PID);
            assertThat(truncation.get("client").has("uid")).isTrue();
            assertThat(truncation.get("client").get("command").asText()).isNotBlank();
            assertThat(truncation.get("object").asText()).matches("wl_buffer#\\d+");
            assertThat(truncation.get("failure").asText()).isEqualTo("truncated");
            assertThat(truncation.get("offset").asLong()).isZero();
            assertThat(truncation.get("buffer_bytes").asLong()).isEqualTo(64);
            assertThat(truncation.get("pool_bytes").asLong()).isEqualTo(64);
            assertThat(truncation.get("file_bytes").asLong()).isZero();
            assertThat(truncation.get("missing_bytes").asLong()).isEqualTo(64);
            assertThat(truncation.get("reaction").asText()).isEqualTo("error");
            assertThat(truncation.get("zero_filled_bytes").asLong()).isZero();

            JsonNode invalidFd = lines.get(1);
            assertThat(invalidFd.get("type").asText()).isEqualTo("protocol-error");
            assertThat(invalidFd.get("object").asText()).isEqualTo(truncation.get("object").asText());
            assertThat(invalidFd.get("interface").asText()).isEqualTo("wl_buffer");
            assertThat(invalidFd.get("code_name").asText()).isEqualTo("invalid_fd");
            assertThat(invalidFd.get("code").asInt()).isEqualTo(2);
            assertThat(invalidFd.get("message").asText()).isNotBlank();
            assertThat(invalidFd.get("disconnect_reason").asText()).isEqualTo("truncation");

            JsonNode invalidScale = lines.get(2);
            assertThat(invalidScale.get("type").asText()).isEqualTo("protocol-error");
            assertThat(invalidScale.get("object").asText()).matches("wl_surface#\\d+");
            assertThat(invalidScale.get("code_name").asText()).isEqualTo("invalid_scale");
            assertThat(invalidScale.get("disconnect_reason").asText()).isEqualTo("protocol-error");

            assertThat(server.server().journal().recent(LoggedEvent.TRUNCATION, 10)).hasSize(1);
            assertThat(server.server().journal().recent(LoggedEvent.PROTOCOL_ERROR, 10)).hasSize(2);
        }
        assertThat(Files.readAllLines(log)).hasSize(3);
    }

    @Test
    void theJournalKeepsOnlyTheLatestEventsNewestFirst() {
        List<LoggedEvent> written = new ArrayList<>();
        EventJournal journal = new EventJournal(java.time.Clock.systemUTC(), written::add);
        var client = new io.shmward.server.core.PeerCredentials(1, 2, 3, "x");
        for (int i = 0; i < EventJournal.KEPT_PER_TYPE + 5; i++) {
            journal.record(LoggedEvent.TRUNCATION, client, "wl_buffer#" + i, java.util.Map.of());
        }
        assertThat(written).hasSize(EventJournal.KEPT_PER_TYPE + 5);
        List<LoggedEvent> recent = journal.recent(LoggedEvent.TRUNCATION, 1000);
        assertThat(recent).hasSize(EventJournal.KEPT_PER_TYPE);
        assertThat(recent.getFirst().object()).isEqualTo("wl_buffer#" + (EventJournal.KEPT_PER_TYPE + 4));
        assertThat(journal.recent(LoggedEvent.PROTOCOL_ERROR, 10)).isEmpty();
    }

    private static List<JsonNode> awaitLines(Path log, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            if (lines.size() >= n) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(lines).hasSize(n);
        List<JsonNode> out = new ArrayList<>();
        for (String line : lines) {
            out.add(JSON.readTree(line));
        }
        return out;
    }
}
