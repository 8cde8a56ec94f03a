package io.shmward.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.shmward.client.ClientObject;
import io.shmward.client.ClientRegistry;
import io.shmward.client.ServerError;
import io.shmward.client.WaylandClient;
import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.Protocol;
import io.shmward.protocol.wayland.WlOutput;
import io.shmward.server.testing.TestServer;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An Error thrown while a request is handled (what a fault in an unsafe memory access raises) is a bug of
 * ours: it shows at ERROR with the client, in its own metric, costs that client its connection with
 * wl_display's implementation error, and nobody else notices.
 */
class InternalErrorTest {
    private static final InterfaceSpec WL_OUTPUT = Protocol.standard().get("wl_output");

    @Test
    void anErrorFromAHandlerIsLoggedAtErrorCountedAndEndsOnlyThatClient() throws Exception {
        Logger clientLog = (Logger) LoggerFactory.getLogger(Client.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        clientLog.addAppender(logged);
        try (TestServer server = TestServer.start();
             WaylandClient bystander = server.connect()) {
            server.server().onLoop(() -> {
                server.server().display().globals().add(WL_OUTPUT, 3, FaultyOutput::new);
                return null;
            });
            try (WaylandClient c = server.connect()) {
                ClientRegistry registry = c.registry();
                ClientRegistry.GlobalInfo faulty = registry.globals().stream()
                        .filter(g -> g.interfaceName().equals("wl_output"))
                        .max(Comparator.comparingInt(ClientRegistry.GlobalInfo::name)).orElseThrow();
                ClientObject output = registry.bind(faulty.name(), "wl_output", 3);
                c.send(output, "release");
                ServerError error = c.awaitDisconnect(WaylandClient.DEFAULT_TIMEOUT);

                assertThat(error).isNotNull();
                assertThat(error.code()).isEqualTo(CoreProtocol.WL_DISPLAY.errorCode("implementation"));
            }
            bystander.roundtrip();
            assertThat(server.awaitMeter(1, "shmward.internal.errors", "kind", "error")).isEqualTo(1);
            assertThat(server.awaitMeter(1, "shmward.connections.closed", "reason", "internal-error")).isEqualTo(1);
            assertThat(server.meter("shmward.connections.closed", "reason", "io-error")).isZero();
        } finally {
            clientLog.detachAppender(logged);
        }
        assertThat(logged.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).contains("wl_output.release").contains("pid");
            assertThat(e.getThrowableProxy().getClassName()).isEqualTo(InternalError.class.getName());
        });
    }

    /** A wl_output whose every request fails as a fault in an unsafe memory access does. */
    private static final class FaultyOutput extends Resource<WlOutput.Request> {
        FaultyOutput(Client client, int id, int version) {
            super(client, id, WlOutput.TYPE, version);
        }

        @Override
        protected void onRequest(WlOutput.Request request) {
            throw new InternalError("a fault occurred in an unsafe memory access operation");
        }
    }
}
