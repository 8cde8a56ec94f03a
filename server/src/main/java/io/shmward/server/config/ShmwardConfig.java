package io.shmward.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Everything the server can be told, as {@code config/shmward.yaml} spells it. */
public record ShmwardConfig(
        @JsonProperty(value = "socket", required = true) String socket,
        @JsonProperty(value = "trace", required = true) boolean trace,
        @JsonProperty(value = "limits", required = true) Limits limits) {

    /** Per-client bounds. */
    public record Limits(
            @JsonProperty(value = "fd-queue", required = true) int fdQueue,
            @JsonProperty(value = "outgoing-bytes", required = true) long outgoingBytes,
            @JsonProperty(value = "objects-per-client", required = true) int objectsPerClient) {
    }

    public ShmwardConfig withSocket(String newSocket) {
        return new ShmwardConfig(newSocket, trace, limits);
    }

    public ShmwardConfig withTrace(boolean newTrace) {
        return new ShmwardConfig(socket, newTrace, limits);
    }
}
