package io.shmward.cli;

import io.shmward.server.config.ConfigLoader;
import io.shmward.server.config.ShmwardConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of every command that starts a server; flags win over the configuration file. */
final class ServeOptions {
    @Option(names = "--socket", paramLabel = "NAME",
            description = "Socket name under $XDG_RUNTIME_DIR, or an absolute path (default from the configuration: wayland-shmward-0).")
    String socket;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A YAML file laid over the built-in defaults (see config/shmward.yaml).")
    Path config;

    @Option(names = "--trace", description = "Print every request and event in libwayland's WAYLAND_DEBUG format.")
    boolean trace;

    @Option(names = "--truncation", paramLabel = "REACTION",
            description = "What to do when a client's pool file is shorter than a buffer being read: error (default; "
                    + "wl_shm.error invalid_fd and disconnect, as libwayland) or zero-fill (zeros, client keeps running).")
    String truncation;

    @Option(names = "--admin", paramLabel = "HOST:PORT|off", converter = AdminEndpointConverter.class,
            description = "The admin endpoint's TCP listener (metrics and aggregate status; the full API is on a Unix "
                    + "socket beside the Wayland socket): HOST:PORT (port 0 picks a free one), or off for no admin "
                    + "endpoint at all (default from the configuration: 127.0.0.1:9477).")
    AdminEndpointConverter.Endpoint admin;

    @Option(names = "--admin-api-over-tcp",
            description = "Also serve the full admin API (clients, surfaces, window snapshots) on the TCP listener, to "
                    + "requests with the bearer token (written beside the Wayland socket as NAME.admin-token, mode 0600).")
    boolean adminApiOverTcp;

    @Option(names = "--event-log", paramLabel = "FILE|off",
            description = "Write one JSON line per truncation and protocol error to FILE, or off (default: off).")
    String eventLog;

    @Option(names = "--global", paramLabel = "INTERFACE=VERSION",
            description = "Advertise a global at this version at most, or hide it with 0 (repeatable), e.g. "
                    + "--global xdg_wm_base=3 --global wl_seat=0; see globals in config/shmward.yaml.")
    Map<String, Integer> globals;

    ShmwardConfig resolve() throws IOException {
        ShmwardConfig c = config == null ? ConfigLoader.defaults() : ConfigLoader.load(config);
        if (socket != null) {
            c = c.withSocket(socket);
        }
        if (truncation != null) {
            c = c.withTruncation(truncation);
        }
        if (trace) {
            c = c.withTrace(true);
        }
        if (globals != null) {
            c = c.withGlobals(globals);
        }
        if (admin != null) {
            c = c.withAdmin(admin.enabled() ? c.admin().withEndpoint(true, admin.host(), admin.port())
                    : c.admin().withEndpoint(false, c.admin().bind(), c.admin().port()));
        }
        if (adminApiOverTcp) {
            c = c.withAdmin(c.admin().withApiOverTcp());
        }
        if (eventLog != null) {
            c = c.withEventLog("off".equals(eventLog)
                    ? new ShmwardConfig.EventLog(false, c.eventLog().path())
                    : new ShmwardConfig.EventLog(true, eventLog));
        }
        return c;
    }
}
