package io.shmward.server.attack;

import io.shmward.client.attack.Catalogue;
import io.shmward.client.attack.Scenario;
import java.util.List;
import java.util.Set;

/**
 * The scenarios the tests play against every target: all but the slow ones, which belong to
 * {@code ./shmward attack} against a standalone compositor.
 */
final class TestScenarios {
    /**
     * 16 million requests: half a minute against a standalone compositor; in the test JVM (1 GiB of heap
     * shared by client and server) it runs out of memory, which is the finding it exists to show.
     */
    static final Set<String> SLOW = Set.of("wire.fresh-ids-without-end");

    private TestScenarios() {
    }

    static List<Scenario> selected() {
        return Catalogue.all().stream().filter(s -> !SLOW.contains(s.id())).toList();
    }

    static String selectionNote() {
        return "every scenario but " + String.join(", ", SLOW) + " (slow; run it with ./shmward attack --scenario against "
                + "a standalone compositor)";
    }
}
