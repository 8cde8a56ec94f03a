package io.shmward.server.eventlog;

import java.time.Instant;
import java.util.Map;

/**
 * One event of the log: when, what kind, whose, on which object, and the kind's own fields in the order
 * they are written. Immutable, so it can be handed to other threads.
 *
 * @param type    {@code truncation} (also I/O errors reading a pool, told apart by {@code failure}) or
 *                {@code protocol-error}
 * @param object  the protocol object, as {@code interface#id}
 * @param details the kind's fields, snake_case names, in writing order
 */
public record LoggedEvent(Instant time, String type, int pid, int uid, String command, String object,
                          Map<String, Object> details) {
    public static final String TRUNCATION = "truncation";
    public static final String PROTOCOL_ERROR = "protocol-error";

    public LoggedEvent {
        details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
