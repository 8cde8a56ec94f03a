package io.shmward.server.compositor;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.client.ServerError;
import io.shmward.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** wl_seat "seat0" without capabilities, and the clipboard bookkeeping of wl_data_device_manager. */
class SeatTest {

    @Test
    void seatAnnouncesItsNameAndNoCapabilities() throws Exception {
        try (TestServer server = TestServer.start(); ShellClient c = ShellClient.connect(server)) {
            ClientObject seat = c.registry.bind("wl_seat", 9);
            c.wl.roundtrip();
            assertThat(seat.events("capabilities").getFirst().intArg(0)).isZero();
            assertThat(seat.events("name").getFirst().stringArg(0)).isEqualTo("seat0");
            seat.send("release");
            c.expectAlive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"get_pointer", "get_keyboard", "get_touch"})
    void inputDevicesOfASeatThatNeverHadThemAreMissingCapability(String request) throws Exception {
        try (TestServer server = TestServer.start(); ShellClient c = ShellClient.connect(server)) {
            ClientObject seat = c.registry.bind("wl_seat", 9);
            c.wl.create(seat, request, (Object) null);
            c.expectError("wl_seat", "missing_capability");
        }
    }

    @Test
    void aNewSelectionCancelsTheSourceItReplaces() throws Exception {
        try (TestServer server = TestServer.start(); ShellClient c = ShellClient.connect(server)) {
            ClientObject device = dataDevice(c);
            ClientObject first = source(c, "text/plain");
            ClientObject second = source(c, "text/html");
            device.send("set_selection", first.id(), 0);
            c.wl.roundtrip();
            assertThat(first.events("cancelled")).isEmpty();
            device.send("set_selection", second.id(), 0);
            c.wl.roundtrip();
            assertThat(first.events("cancelled")).hasSize(1);
            assertThat(server.server().onLoop(() -> server.server().seat().selection().mimeTypes()))
                    .containsExactly("text/html");

            second.send("destroy");
            c.wl.roundtrip();
            assertThat(server.server().onLoop(() -> server.server().seat().selection())).isNull();
            device.send("release");
            c.expectAlive();
        }
    }

    @Test
    void aSourceServesOneSelectionOnly() throws Exception {
        try (TestServer server = TestServer.start(); ShellClient c = ShellClient.connect(server)) {
            ClientObject device = dataDevice(c);
            ClientObject source = source(c, "text/plain");
            device.send("set_selection", source.id(), 0);
            device.send("set_selection", source.id(), 0);
            c.expectError("wl_data_device", "used_source");
        }
    }

    @Test
    void actionsOutsideTheEnumAreAnInvalidMask() throws Exception {
        try (TestServer server = TestServer.start(); ShellClient c = ShellClient.connect(server)) {
            source(c, "text/plain").send("set_actions", 0x80);
            c.expectError("wl_data_source", "invalid_action_mask");
        }
    }

    @Test
    void aDragSourceCannotBeASelection() throws Exception {
        try (TestServer server = TestServer.start(); ShellClient c = ShellClient.connect(server)) {
            ClientObject device = dataDevice(c);
            ClientObject source = source(c, "text/plain");
            source.send("set_actions", 1);
            device.send("set_selection", source.id(), 0);
            c.expectError("wl_data_source", "invalid_source");
        }
    }

    @Test
    void aSourceOffersAtMost256MimeTypes() throws Exception {
        try (TestServer server = TestServer.start(); ShellClient c = ShellClient.connect(server);
             ShellClient bystander = ShellClient.connect(server)) {
            ClientObject source = source(c, "text/plain");
            for (int i = 1; i < 256; i++) {
                source.send("offer", "text/x-" + i);
            }
            c.expectAlive();
            source.send("offer", "text/x-one-too-many");
            ServerError error = c.expectError("wl_display", "no_memory");
            assertThat(error.message()).contains("limit of 256 mime types");
            bystander.expectAlive();
        }
    }

    private static ClientObject dataDevice(ShellClient c) throws Exception {
        ClientObject seat = c.registry.bind("wl_seat", 9);
        ClientObject manager = c.registry.bind("wl_data_device_manager", 3);
        return c.wl.create(manager, "get_data_device", null, seat.id());
    }

    private static ClientObject source(ShellClient c, String mimeType) throws Exception {
        ClientObject manager = c.registry.bind("wl_data_device_manager", 3);
        ClientObject source = c.wl.create(manager, "create_data_source", (Object) null);
        source.send("offer", mimeType);
        return source;
    }
}
