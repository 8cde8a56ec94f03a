package io.shmward.client.attack;

import java.util.ArrayList;
import java.util.List;

/**
 * Every scenario, in the order they run: shm, then stall, then the bounds (shm, wire and crowd ids), then wire,
 * then the crowd.
 */
public final class Catalogue {
    private Catalogue() {
    }

    public static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>(ShmAttacks.scenarios());
        all.addAll(StallAttacks.scenarios());
        all.addAll(BoundAttacks.scenarios());
        all.addAll(WireAttacks.scenarios());
        all.addAll(CrowdAttacks.scenarios());
        return List.copyOf(all);
    }

    /** {@code all}, one scenario's id, or a family ({@code shm}, {@code stall}, {@code wire}, {@code crowd}). */
    public static List<Scenario> select(String selector) {
        if (selector == null || selector.equals("all")) {
            return all();
        }
        List<Scenario> chosen = all().stream()
                .filter(s -> s.id().equals(selector) || s.family().equals(selector)).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no scenario or family '" + selector + "'; see --list");
        }
        return chosen;
    }
}
