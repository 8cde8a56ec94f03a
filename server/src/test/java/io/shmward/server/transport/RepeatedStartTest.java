package io.shmward.server.transport;

import io.shmward.client.WaylandClient;
import io.shmward.server.testing.TestServer;
import org.junit.jupiter.api.RepeatedTest;

/** Starting and stopping a server is dependable, over and over, in one JVM. */
class RepeatedStartTest {
    @RepeatedTest(40)
    void startServeStop() throws Exception {
        try (TestServer server = TestServer.start(); WaylandClient c = server.connect()) {
            c.roundtrip();
        }
    }
}
