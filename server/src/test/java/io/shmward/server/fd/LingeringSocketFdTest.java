package io.shmward.server.fd;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.LingeringSocket;
import io.shmward.client.RawMessage;
import io.shmward.client.RoundTripTimer;
import io.shmward.client.ServerError;
import io.shmward.client.ShmScene;
import io.shmward.client.WaylandClient;
import io.shmward.protocol.spec.Protocol;
import io.shmward.server.testing.TestServer;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A TCP socket whose send queue is full and whose SO_LINGER is 10 s, sent as a pool fd, the client's own
 * copy closed before the request is complete: the server's close is the last, and waits 10 s. It runs on
 * the closer thread; the bystander is served meanwhile and the stuck close shows in the meters.
 */
class LingeringSocketFdTest {
    private static final int LINGER_SECONDS = 10;
    private static final int CREATE_POOL = Protocol.standard().get("wl_shm").request("create_pool").opcode();
    private static final int HEAD = 12;

    @Test
    void theLastCloseOfALingeringSocketWaitsOnTheCloserNotTheLoop() throws Exception {
        try (TestServer server = TestServer.start();
             WaylandClient attacker = server.connect();
             WaylandClient bystander = server.connect();
             LingeringSocket sock = LingeringSocket.open(LINGER_SECONDS)) {
            assertThat(sock.unsent()).as("bytes the last close will wait for").isPositive();
            ShmScene s = ShmScene.on(attacker);
            byte[] request = RawMessage.to(s.shm().id(), CREATE_POOL).word(attacker.reserveIds(1)).word(4096).build();
            RoundTripTimer timer = RoundTripTimer.start(bystander, Duration.ofSeconds(15));
            ServerError error;
            try {
                attacker.sendRaw(Arrays.copyOf(request, HEAD), sock.fd());
                sock.handOver(); // the server's copy is now the last one
                Thread.sleep(50);
                attacker.sendRaw(Arrays.copyOfRange(request, HEAD, request.length));
                error = attacker.awaitDisconnect(Duration.ofSeconds(5));
                Thread.sleep(1500); // the close is under way on the closer thread by now
                assertThat(server.meter("shmward.fd.close.stuck")).as("seconds in close so far").isGreaterThan(1);
                assertThat(server.meter("shmward.fds.quarantined")).isEqualTo(1);
            } finally {
                timer.close();
            }
            assertThat(error).isNotNull();
            assertThat(error.code()).isEqualTo(Protocol.standard().get("wl_shm").errorCode("invalid_fd"));
            assertThat(error.message()).contains("socket");
            assertThat(timer.failures()).isZero();
            assertThat(timer.answered()).isGreaterThan(20);
            assertThat(timer.slowest()).as("the close would hold the loop 10 s").isLessThan(Duration.ofMillis(500));
        }
    }
}
