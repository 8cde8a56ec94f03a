package io.shmward.client.attack;

import io.shmward.client.ServerError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario observed of its attacker: the outcome, the protocol error when there was one, notes a
 * person reads (what the attack managed, what the kernel said client-side), and named numbers expectations
 * may look at (how many objects were created before the bound, how many fds the target kept).
 */
public record Observation(Outcome outcome, ServerError error, List<String> notes, Map<String, Long> measures) {

    public Observation {
        notes = List.copyOf(notes);
        measures = Collections.unmodifiableMap(new LinkedHashMap<>(measures));
    }

    public static Observation of(Outcome outcome) {
        return new Observation(outcome, null, List.of(), Map.of());
    }

    public static Observation protocolError(ServerError error) {
        return new Observation(Outcome.PROTOCOL_ERROR, error, List.of(), Map.of());
    }

    public Observation note(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new Observation(outcome, error, more, measures);
    }

    public Observation measure(String name, long value) {
        Map<String, Long> more = new LinkedHashMap<>(measures);
        more.put(name, value);
        return new Observation(outcome, error, notes, more);
    }

    /** The measure called {@code name}, or null when the scenario could not take it. */
    public Long measured(String name) {
        return measures.get(name);
    }

    /** One line: the outcome and, for an error, which and where. */
    public String summary() {
        return error == null ? outcome.label() : outcome.label() + ": " + ErrorNames.describe(error);
    }
}
