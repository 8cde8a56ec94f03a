package io.shmward.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything the server can be told, as {@code config/shmward.yaml} spells it. */
public record ShmwardConfig(
        @JsonProperty(value = "socket", required = true) String socket,
        @JsonProperty(value = "trace", required = true) boolean trace,
        @JsonProperty(value = "limits", required = true) Limits limits,
        @JsonProperty(value = "shm", required = true) Shm shm,
        @JsonProperty(value = "output", required = true) Output output,
        @JsonProperty(value = "xdg", required = true) Xdg xdg,
        @JsonProperty(value = "globals", required = true) Map<String, Integer> globals,
        @JsonProperty(value = "admin", required = true) Admin admin,
        @JsonProperty(value = "event-log", required = true) EventLog eventLog) {

    /** Per-client bounds. */
    public record Limits(
            @JsonProperty(value = "fd-queue", required = true) int fdQueue,
            @JsonProperty(value = "outgoing-bytes", required = true) long outgoingBytes,
            @JsonProperty(value = "objects-per-client", required = true) int objectsPerClient,
            @JsonProperty(value = "content-bytes-per-client", required = true) long contentBytesPerClient,
            @JsonProperty(value = "total-objects", required = true) long totalObjects,
            @JsonProperty(value = "total-content-bytes", required = true) long totalContentBytes,
            @JsonProperty(value = "total-fd-queue", required = true) int totalFdQueue,
            @JsonProperty(value = "fd-timeout-ms", required = true) long fdTimeoutMs,
            @JsonProperty(value = "fd-quarantine-per-client", required = true) int fdQuarantinePerClient,
            @JsonProperty(value = "fd-quarantine", required = true) int fdQuarantine) {
    }

    /** The shm subsystem: formats, truncation reaction, per-client limits. */
    public record Shm(
            @JsonProperty(value = "formats", required = true) List<String> formats,
            @JsonProperty(value = "truncation", required = true) String truncation,
            @JsonProperty(value = "limits", required = true) ShmLimitsConfig limits) {
    }

    /** Per-client shm bounds. */
    public record ShmLimitsConfig(
            @JsonProperty(value = "pools", required = true) int pools,
            @JsonProperty(value = "buffers", required = true) int buffers,
            @JsonProperty(value = "pool-files", required = true) int poolFiles,
            @JsonProperty(value = "pool-bytes", required = true) long poolBytes,
            @JsonProperty(value = "total-pool-files", required = true) int totalPoolFiles,
            @JsonProperty(value = "total-pool-bytes", required = true) long totalPoolBytes,
            @JsonProperty(value = "total-mapped-bytes", required = true) long totalMappedBytes) {
    }

    /**
     * The one virtual output: its mode, the frame clock's rate, its integer scale (2 for HiDPI), and when
     * committed buffers are read ({@code commit} or {@code on-frame}).
     */
    public record Output(
            @JsonProperty(value = "width", required = true) int width,
            @JsonProperty(value = "height", required = true) int height,
            @JsonProperty(value = "refresh-hz", required = true) double refreshHz,
            @JsonProperty(value = "scale", required = true) int scale,
            @JsonProperty(value = "consume", required = true) String consume) {
    }

    /** xdg-shell: how long a client may take to answer a ping (0 switches pings off). */
    public record Xdg(
            @JsonProperty(value = "ping-timeout-ms", required = true) long pingTimeoutMs) {
    }

    /** The admin HTTP endpoint (metrics, API, status page); port 0 picks a free port. */
    public record Admin(
            @JsonProperty(value = "enabled", required = true) boolean enabled,
            @JsonProperty(value = "bind", required = true) String bind,
            @JsonProperty(value = "port", required = true) int port,
            @JsonProperty(value = "api-over-tcp", required = true) boolean apiOverTcp,
            @JsonProperty(value = "token") String token) {

        /** The same, with the TCP endpoint as {@code --admin} gives it. */
        public Admin withEndpoint(boolean newEnabled, String newBind, int newPort) {
            return new Admin(newEnabled, newBind, newPort, apiOverTcp, token);
        }

        /** The same, with the full API opened over TCP (to requests with the token). */
        public Admin withApiOverTcp() {
            return new Admin(enabled, bind, port, true, token);
        }
    }

    /** The structured event log: one JSON line per truncation and per protocol error. */
    public record EventLog(
            @JsonProperty(value = "enabled", required = true) boolean enabled,
            @JsonProperty(value = "path", required = true) String path) {
    }

    public ShmwardConfig withSocket(String newSocket) {
        return new ShmwardConfig(newSocket, trace, limits, shm, output, xdg, globals, admin, eventLog);
    }

    public ShmwardConfig withTrace(boolean newTrace) {
        return new ShmwardConfig(socket, newTrace, limits, shm, output, xdg, globals, admin, eventLog);
    }

    public ShmwardConfig withTruncation(String reaction) {
        return new ShmwardConfig(socket, trace, limits, new Shm(shm.formats(), reaction, shm.limits()), output,
                xdg, globals, admin, eventLog);
    }

    /** These globals' versions capped (0 hides one), over those the configuration already caps. */
    public ShmwardConfig withGlobals(Map<String, Integer> caps) {
        Map<String, Integer> merged = new LinkedHashMap<>(globals);
        merged.putAll(caps);
        return new ShmwardConfig(socket, trace, limits, shm, output, xdg, merged, admin, eventLog);
    }

    public ShmwardConfig withAdmin(Admin newAdmin) {
        return new ShmwardConfig(socket, trace, limits, shm, output, xdg, globals, newAdmin, eventLog);
    }

    public ShmwardConfig withEventLog(EventLog newEventLog) {
        return new ShmwardConfig(socket, trace, limits, shm, output, xdg, globals, admin, newEventLog);
    }
}
