package io.shmward.server.compositor;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.protocol.spec.Protocol;
import io.shmward.protocol.wire.Message;
import io.shmward.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The virtual wl_output: described from the configuration at bind; mapped windows enter it. */
class OutputTest {

    @Test
    void outputDescribesTheConfiguredMode() throws Exception {
        try (TestServer server = TestServer.start("output:\n  width: 800\n  height: 600\n  refresh-hz: 75\n");
             ShellClient c = ShellClient.connect(server)) {
            ClientObject output = c.registry.bind("wl_output", 4);
            c.wl.roundtrip();
            assertThat(output.events()).extracting(Message::name)
                    .containsExactly("geometry", "mode", "scale", "name", "description", "done");
            Message mode = output.events("mode").getFirst();
            var flags = Protocol.standard().get("wl_output").enumeration("mode");
            assertThat(mode.intArg(0)).isEqualTo(flags.value("current") | flags.value("preferred"));
            assertThat(new int[] {mode.intArg(1), mode.intArg(2), mode.intArg(3)}).containsExactly(800, 600, 75000);
            assertThat(output.events("scale").getFirst().intArg(0)).isEqualTo(1);
            assertThat(output.events("name").getFirst().stringArg(0)).isEqualTo("SHMWARD-1");
            Message geometry = output.events("geometry").getFirst();
            assertThat(geometry.intArg(2)).as("physical width in mm at 96 dpi").isEqualTo(212);
            output.send("release");
            c.expectAlive();
        }
    }

    @Test
    void mappedToplevelEntersEveryOutputItsClientBound() throws Exception {
        try (TestServer server = TestServer.start(); ShellClient c = ShellClient.connect(server)) {
            ClientObject early = c.registry.bind("wl_output", 4);
            ShellClient.Window w = c.toplevel();
            c.initialize(w);
            c.wl.roundtrip();
            assertThat(w.surface().events("enter")).as("not mapped yet").isEmpty();

            w.surface().send("attach", c.buffer(10, 10, 0).id(), 0, 0);
            w.surface().send("commit");
            c.wl.roundtrip();
            assertThat(w.surface().events("enter")).extracting(m -> m.intArg(0)).containsExactly(early.id());

            ClientObject late = c.registry.bind("wl_output", 3);
            c.wl.roundtrip();
            assertThat(w.surface().events("enter")).extracting(m -> m.intArg(0)).containsExactly(early.id(), late.id());

            w.surface().send("attach", 0, 0, 0);
            w.surface().send("commit");
            c.wl.roundtrip();
            assertThat(w.surface().events("leave")).extracting(m -> m.intArg(0)).containsExactly(early.id(), late.id());
        }
    }
}
