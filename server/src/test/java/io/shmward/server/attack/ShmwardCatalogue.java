package io.shmward.server.attack;

import io.shmward.client.VisibleSurface;
import io.shmward.client.attack.AttackReport;
import io.shmward.client.attack.AttackRunner;
import io.shmward.client.attack.Target;
import io.shmward.server.shm.TruncationReaction;
import io.shmward.server.testing.TestServer;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The whole catalogue run against a fresh Shmward under each truncation reaction, once per test JVM: the
 * assertions and the comparison with Weston share the runs. The server runs in this JVM, so its pid is
 * ours and the fd and memory measures read this process.
 */
final class ShmwardCatalogue {
    private static final Map<TruncationReaction, AttackReport> RUNS = new EnumMap<>(TruncationReaction.class);

    private ShmwardCatalogue() {
    }

    static synchronized AttackReport run(TruncationReaction reaction) throws IOException {
        AttackReport report = RUNS.get(reaction);
        if (report == null) {
            try (TestServer server = TestServer.start("shm:\n  truncation: " + reaction.configName() + "\n")) {
                Target target = new Target(name(reaction), server.socket(), OptionalLong.of(ProcessHandle.current().pid()), null);
                report = new AttackRunner(target, VisibleSurface.RoleChoice.AUTO, r -> { }).run(TestScenarios.selected());
            }
            RUNS.put(reaction, report);
        }
        return report;
    }

    static String name(TruncationReaction reaction) {
        return "Shmward (truncation: " + reaction.configName() + ")";
    }
}
