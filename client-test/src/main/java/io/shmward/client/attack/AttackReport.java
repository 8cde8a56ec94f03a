package io.shmward.client.attack;

import io.shmward.client.VisibleSurface;
import java.util.List;

/** The results of one catalogue run against one target. */
public record AttackReport(String targetName, String socket, VisibleSurface.RoleChoice roles,
                           List<ScenarioResult> results) {

    public AttackReport {
        results = List.copyOf(results);
    }

    /** True when every scenario's observation met its robust expectation. */
    public boolean allMatch() {
        return results.stream().allMatch(ScenarioResult::matches);
    }

    public long mismatches() {
        return results.stream().filter(r -> !r.matches()).count();
    }

    /** The result of scenario {@code id}, or null when it was not part of this run. */
    public ScenarioResult result(String id) {
        return results.stream().filter(r -> r.scenario().id().equals(id)).findFirst().orElse(null);
    }
}
