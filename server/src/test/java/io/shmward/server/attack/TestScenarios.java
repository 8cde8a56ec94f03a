package io.shmward.server.attack;

import io.shmward.client.attack.Catalogue;
import io.shmward.client.attack.Scenario;
import java.util.List;
import java.util.Set;

/**
 * The scenarios the default test run plays against every target: all but the slow ones, which run with
 * {@code -Dshmward.attack.slow=true} (and always from {@code ./shmward attack}).
 */
final class TestScenarios {
    /** 16 million requests: half a minute against a standalone server, more against one in the test JVM. */
    static final Set<String> SLOW = Set.of("wire.fresh-ids-without-end");

    private TestScenarios() {
    }

    static List<Scenario> selected() {
        boolean slowToo = Boolean.getBoolean("shmward.attack.slow");
        return Catalogue.all().stream().filter(s -> slowToo || !SLOW.contains(s.id())).toList();
    }

    static String selectionNote() {
        return Boolean.getBoolean("shmward.attack.slow") ? "every scenario"
                : "every scenario but " + String.join(", ", SLOW) + " (run with -Dshmward.attack.slow=true to include it)";
    }
}
