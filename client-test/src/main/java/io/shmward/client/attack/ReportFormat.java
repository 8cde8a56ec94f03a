package io.shmward.client.attack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.shmward.client.ServerError;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shapes a report is written in: a table for a terminal, JSON for programs, Markdown for documents. */
public enum ReportFormat {
    TEXT {
        @Override
        public String render(AttackReport report) {
            StringBuilder out = new StringBuilder(heading(report)).append("\n\n");
            String row = "%-36s %-9s %-62s %-9s %s%n";
            out.append(String.format(row, "SCENARIO", "VERDICT", "OBSERVED", "BYSTANDER", "TARGET"));
            for (ScenarioResult r : report.results()) {
                out.append(String.format(row, r.scenario().id(), verdict(r), shortObservation(r.observation()),
                        bystander(r), r.target().label()));
            }
            out.append("\nDetails:\n");
            for (ScenarioResult r : report.results()) {
                List<String> details = details(r);
                if (!r.matches()) {
                    details.addFirst("expected: " + r.scenario().expectation().text());
                }
                if (!details.isEmpty()) {
                    out.append("  ").append(r.scenario().id()).append('\n');
                    details.forEach(d -> out.append("    ").append(d).append('\n'));
                }
            }
            return out.toString();
        }
    },
    MARKDOWN {
        @Override
        public String render(AttackReport report) {
            StringBuilder out = new StringBuilder("## ").append(heading(report)).append("\n\n");
            out.append("| scenario | what the attacker does | robust expectation | observed | bystander | target | verdict |\n");
            out.append("|---|---|---|---|---|---|---|\n");
            for (ScenarioResult r : report.results()) {
                out.append("| `").append(r.scenario().id()).append("` | ").append(cell(r.scenario().description()))
                        .append(" | ").append(cell(r.scenario().expectation().text()))
                        .append(" | ").append(cell(String.join("; ", observedWithDetails(r))))
                        .append(" | ").append(bystander(r)).append(" | ").append(r.target().label())
                        .append(" | ").append(verdict(r)).append(" |\n");
            }
            return out.toString();
        }
    },
    JSON {
        @Override
        public String render(AttackReport report) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("target", report.targetName());
            doc.put("socket", report.socket());
            doc.put("roles", report.roles().name().toLowerCase(java.util.Locale.ROOT));
            doc.put("scenarios", report.results().stream().map(ReportFormat::json).toList());
            doc.put("mismatches", report.mismatches());
            try {
                return MAPPER.writeValueAsString(doc) + "\n";
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public abstract String render(AttackReport report);

    static String verdict(ScenarioResult r) {
        return r.observation().outcome() == Outcome.NOT_RUN ? "not run" : r.matches() ? "ok" : "MISMATCH";
    }

    static String bystander(ScenarioResult r) {
        if (r.observation().outcome() == Outcome.NOT_RUN) {
            return "-";
        }
        return r.bystanderAfter() ? "served" : r.bystanderBefore() ? "FAILED" : "no answer";
    }

    /** The outcome, and for an error its interface and code name (the message goes to the details). */
    static String shortObservation(Observation o) {
        ServerError e = o.error();
        return e == null ? o.outcome().label() : o.outcome().label() + ": " + e.interfaceName() + " " + ErrorNames.codeName(e);
    }

    /** The full observation: outcome, error with message, notes and measures. */
    static List<String> observedWithDetails(ScenarioResult r) {
        List<String> parts = new java.util.ArrayList<>();
        parts.add(r.observation().summary());
        parts.addAll(r.observation().notes());
        r.observation().measures().forEach((k, v) -> parts.add(k + " = " + v));
        return parts;
    }

    private static List<String> details(ScenarioResult r) {
        List<String> d = new java.util.ArrayList<>();
        if (r.observation().error() != null) {
            d.add("error: " + ErrorNames.describe(r.observation().error()));
        }
        d.addAll(r.observation().notes());
        r.observation().measures().forEach((k, v) -> d.add(k + " = " + v));
        return d;
    }

    private static String heading(AttackReport report) {
        return "Attack catalogue against " + report.targetName() + " (" + report.socket() + ", surfaces: "
                + report.roles().name().toLowerCase(java.util.Locale.ROOT) + "): " + report.results().size()
                + " scenario(s), " + report.mismatches() + " mismatching the robust expectation";
    }

    static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static Map<String, Object> json(ScenarioResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.scenario().id());
        m.put("description", r.scenario().description());
        m.put("expected", r.scenario().expectation().text());
        m.put("basis", r.scenario().expectation().basis());
        m.put("outcome", r.observation().outcome().name().toLowerCase(java.util.Locale.ROOT));
        ServerError e = r.observation().error();
        if (e != null) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("interface", e.interfaceName());
            error.put("objectId", Integer.toUnsignedLong(e.objectId()));
            error.put("code", e.code());
            error.put("codeName", ErrorNames.codeName(e));
            error.put("message", e.message());
            m.put("error", error);
        }
        m.put("notes", r.observation().notes());
        m.put("measures", r.observation().measures());
        m.put("bystanderBefore", r.bystanderBefore());
        m.put("bystanderAfter", r.bystanderAfter());
        m.put("target", r.target().name().toLowerCase(java.util.Locale.ROOT));
        m.put("matches", r.matches());
        m.put("millis", r.took().toMillis());
        return m;
    }
}
