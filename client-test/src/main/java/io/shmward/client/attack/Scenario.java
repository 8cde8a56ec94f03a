package io.shmward.client.attack;

import java.time.Duration;

/**
 * One attack: an id ({@code family.name}), a one-line description, the robust expectation, and the body, a
 * self-contained client that attacks through its {@link AttackContext} and reports what became of it.
 *
 * @param budget how long the body may run before the catalogue closes its connections and calls it stalled
 */
public record Scenario(String id, String description, Expectation expectation, Duration budget, Body body) {
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(60);

    /** The attack itself. */
    @FunctionalInterface
    public interface Body {
        Observation run(AttackContext ctx) throws Exception;
    }

    public Scenario(String id, String description, Expectation expectation, Body body) {
        this(id, description, expectation, DEFAULT_BUDGET, body);
    }

    /** The part of the id before the first dot: shm, wire, crowd. */
    public String family() {
        return id.substring(0, id.indexOf('.'));
    }
}
