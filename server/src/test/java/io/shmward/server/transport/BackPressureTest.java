package io.shmward.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.RawMessage;
import io.shmward.client.WaylandClient;
import io.shmward.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A client that never reads cannot make the server queue events without bound. */
class BackPressureTest {

    @Test
    void aClientThatNeverReadsIsDisconnectedAndOthersAreServed() throws Exception {
        try (TestServer server = TestServer.start("limits:\n  outgoing-bytes: 65536\n");
             WaylandClient bystander = server.connect();
             WaylandClient silent = server.connect()) {
            bystander.roundtrip();
            // each sync costs the server 24 bytes of events (done + delete_id) and reuses id 2 after delete_id;
            // the silent client never reads, so it cannot see delete_id and must use fresh ids
            int id = 2;
            boolean dropped = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!dropped && System.nanoTime() < deadline) {
                ByteArrayOutputStream batch = new ByteArrayOutputStream();
                for (int i = 0; i < 1000; i++) {
                    batch.writeBytes(RawMessage.to(1, 0).word(id++).build());
                }
                try {
                    silent.sendRaw(batch.toByteArray());
                } catch (IOException e) {
                    dropped = true;
                }
                bystander.roundtrip();
                if (server.clientCount() == 1) {
                    dropped = true;
                }
            }
            assertThat(dropped).as("silent client dropped").isTrue();
            bystander.roundtrip();
            assertThat(server.clientCount()).isEqualTo(1);
        }
    }
}
