package io.shmward.server.eventlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON form of a {@link LoggedEvent}: one object on one line, fixed fields first. */
public final class EventJsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventJsonLines() {
    }

    /** The event as a map in writing order (also what the admin API serves). */
    public static Map<String, Object> toMap(LoggedEvent e) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("pid", e.pid());
        client.put("uid", e.uid());
        client.put("command", e.command());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("time", e.time().toString());
        out.put("type", e.type());
        out.put("client", client);
        out.put("object", e.object());
        out.putAll(e.details());
        return out;
    }

    /** One line of JSON, without the line break. */
    public static String line(LoggedEvent e) {
        try {
            return JSON.writeValueAsString(toMap(e));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("event fields are plain values: " + ex.getMessage(), ex);
        }
    }
}
