package io.shmward.client.attack;

import java.time.Duration;

/**
 * One scenario's verdict: what the attacker observed, whether a bystander round-tripped before and after,
 * and what became of the compositor.
 */
public record ScenarioResult(Scenario scenario, Observation observation, boolean bystanderBefore,
                             boolean bystanderAfter, TargetFate target, Duration took) {

    /** True when the observation meets the robust expectation, the bystander was served and the target lives. */
    public boolean matches() {
        return target == TargetFate.ALIVE && bystanderAfter && scenario.expectation().accepts(observation);
    }

    public static ScenarioResult notRun(Scenario scenario, String why) {
        return new ScenarioResult(scenario, Observation.of(Outcome.NOT_RUN).note(why), false, false,
                TargetFate.DOWN, Duration.ZERO);
    }
}
