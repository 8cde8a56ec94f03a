package io.shmward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.server.config.ShmwardConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The admin and event-log flags over the configuration's defaults. */
class ServeOptionsTest {

    @Test
    void byDefaultTheAdminEndpointIsOnLoopbackPort9477AndTheEventLogOff() throws Exception {
        ShmwardConfig c = parse();
        assertThat(c.admin()).isEqualTo(new ShmwardConfig.Admin(true, "127.0.0.1", 9477, false, ""));
        assertThat(c.eventLog().enabled()).isFalse();
    }

    @Test
    void adminTakesHostAndPortOrOff() throws Exception {
        assertThat(parse("--admin", "0.0.0.0:0").admin()).isEqualTo(new ShmwardConfig.Admin(true, "0.0.0.0", 0, false, ""));
        assertThat(parse("--admin", "[::1]:9000").admin()).isEqualTo(new ShmwardConfig.Admin(true, "::1", 9000, false, ""));
        assertThat(parse("--admin", "off").admin()).isEqualTo(new ShmwardConfig.Admin(false, "127.0.0.1", 9477, false, ""));
    }

    @Test
    void adminApiOverTcpIsOpenedOnlyOnRequest() throws Exception {
        assertThat(parse().admin().apiOverTcp()).isFalse();
        assertThat(parse("--admin-api-over-tcp", "--admin", "127.0.0.1:0").admin())
                .isEqualTo(new ShmwardConfig.Admin(true, "127.0.0.1", 0, true, ""));
    }

    @Test
    void badAdminValuesAreRefusedWhileParsing() {
        for (String bad : new String[] {"9477", "host:", ":80", "host:65536", "host:http"}) {
            ServeOptions options = new ServeOptions();
            int exit = new CommandLine(options).setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()))
                    .execute("--admin", bad);
            assertThat(exit).as(bad).isEqualTo(2);
        }
    }

    @Test
    void eventLogTakesAFileOrOff() throws Exception {
        assertThat(parse("--event-log", "/tmp/x.jsonl").eventLog()).isEqualTo(new ShmwardConfig.EventLog(true, "/tmp/x.jsonl"));
        assertThat(parse("--event-log", "off").eventLog().enabled()).isFalse();
    }

    private static ShmwardConfig parse(String... args) throws Exception {
        ServeOptions options = new ServeOptions();
        new CommandLine(options).parseArgs(args);
        return options.resolve();
    }
}
