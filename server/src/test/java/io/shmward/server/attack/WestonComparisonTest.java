package io.shmward.server.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.VisibleSurface;
import io.shmward.client.attack.AttackReport;
import io.shmward.client.attack.AttackRunner;
import io.shmward.client.attack.Comparison;
import io.shmward.client.attack.Outcome;
import io.shmward.client.attack.ScenarioResult;
import io.shmward.client.attack.Target;
import io.shmward.server.shm.TruncationReaction;
import io.shmward.server.testing.WestonHeadless;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The catalogue against Weston's headless backend, the reference compositor, beside Shmward under both
 * truncation reactions; the table goes to target/attack-comparison.md. How Weston fares is a finding to
 * report, not a test failure; what is asserted is that the catalogue ran every scenario against it,
 * restarting it when a scenario killed it.
 */
class WestonComparisonTest {
    private static final Path TABLE = Path.of("target", "attack-comparison.md");

    @Test
    void catalogueRunsAgainstWestonAndTheComparisonIsWritten() throws Exception {
        AttackReport weston;
        String version;
        try (WestonHeadless w = WestonHeadless.start()) {
            version = w.version();
            Target target = new Target(version + " headless", w.socket(), OptionalLong.of(w.pid()), w::restart);
            weston = new AttackRunner(target, VisibleSurface.RoleChoice.AUTO, r -> { }).run(TestScenarios.selected());
        }
        List<AttackReport> reports = List.of(ShmwardCatalogue.run(TruncationReaction.ERROR),
                ShmwardCatalogue.run(TruncationReaction.ZERO_FILL), weston);
        Files.writeString(TABLE, document(version, reports));

        assertThat(weston.results()).hasSize(TestScenarios.selected().size());
        assertThat(weston.results()).noneMatch(r -> r.observation().outcome() == Outcome.NOT_RUN);
        assertThat(Files.readString(TABLE)).contains(TestScenarios.selected().stream().map(s -> "`" + s.id() + "`").toList());
    }

    private static String document(String westonVersion, List<AttackReport> reports) {
        StringBuilder out = new StringBuilder("# Malicious-client catalogue: Shmward and Weston side by side\n\n");
        out.append("Written by WestonComparisonTest on ").append(LocalDate.now()).append(" (")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append("). Weston: `").append(westonVersion)
                .append(" --backend=headless-backend.so --idle-time=0 --no-config` (default renderer), surfaces shown as ")
                .append("xdg_toplevels where xdg_wm_base is offered. ✓ meets the robust expectation with the bystander ")
                .append("served and the compositor alive; ✗ does not. Scenarios: ").append(TestScenarios.selectionNote())
                .append(".\n\n");
        out.append(Comparison.markdown(reports)).append('\n');
        out.append("## Findings (observations that miss the robust expectation)\n\n");
        boolean any = false;
        for (AttackReport report : reports) {
            for (ScenarioResult r : report.results()) {
                if (!r.matches()) {
                    any = true;
                    out.append("- ").append(report.targetName()).append(", `").append(r.scenario().id()).append("`: expected ")
                            .append(r.scenario().expectation().text()).append("; observed ").append(r.observation().summary())
                            .append(r.target().name().equals("ALIVE") ? "" : "; compositor " + r.target().label())
                            .append(r.bystanderAfter() ? "" : "; bystander not served").append(".\n");
                }
            }
        }
        if (!any) {
            out.append("None.\n");
        }
        return out.toString();
    }
}
