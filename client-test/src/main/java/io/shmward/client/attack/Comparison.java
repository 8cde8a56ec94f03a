package io.shmward.client.attack;

import java.util.List;

/** Several targets' reports side by side, scenario by scenario, as a Markdown table. */
public final class Comparison {
    private Comparison() {
    }

    /** One column per report, headed by its target's name; each cell is the verdict and the observation. */
    public static String markdown(List<AttackReport> reports) {
        StringBuilder out = new StringBuilder("| scenario | robust expectation |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (AttackReport r : reports) {
            out.append(' ').append(ReportFormat.cell(r.targetName())).append(" |");
            rule.append("---|");
        }
        out.append('\n').append(rule).append('\n');
        for (Scenario s : reports.getFirst().results().stream().map(ScenarioResult::scenario).toList()) {
            out.append("| `").append(s.id()).append("` | ").append(ReportFormat.cell(s.expectation().text())).append(" |");
            for (AttackReport report : reports) {
                ScenarioResult r = report.result(s.id());
                out.append(' ').append(r == null ? "-" : ReportFormat.cell(cell(r))).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String cell(ScenarioResult r) {
        String mark = r.observation().outcome() == Outcome.NOT_RUN ? "–" : r.matches() ? "✓" : "✗";
        StringBuilder c = new StringBuilder(mark).append(' ').append(r.observation().summary());
        if (r.target() != TargetFate.ALIVE) {
            c.append("; target ").append(r.target().label());
        }
        if (!r.bystanderAfter() && r.observation().outcome() != Outcome.NOT_RUN) {
            c.append("; bystander not served");
        }
        r.observation().notes().forEach(n -> c.append("; ").append(n));
        r.observation().measures().forEach((k, v) -> c.append("; ").append(k).append(" = ").append(v));
        return c.toString();
    }
}
