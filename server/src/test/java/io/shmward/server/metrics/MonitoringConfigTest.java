package io.shmward.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.shmward.server.testing.AdminHttp;
import io.shmward.server.testing.DebianTool;
import io.shmward.server.testing.ShmClients;
import io.shmward.server.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The monitoring files under config/ hold up against the real server: Prometheus' own promtool accepts a
 * live scrape, the rules and their unit tests, and the scrape configuration; and every metric the rules
 * and the Grafana dashboard query is one the server exports.
 */
class MonitoringConfigTest {
    private static final Path CONFIG = Path.of("..", "config").toAbsolutePath().normalize();
    private static final Path PROMETHEUS = CONFIG.resolve("prometheus");
    private static final Path RULES = PROMETHEUS.resolve("shmward-rules.yml");
    private static final Path DASHBOARD = CONFIG.resolve("grafana/shmward-dashboard.json");
    /** Metric-like words in PromQL that are not metrics: functions, keywords, Grafana's variables. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:shmward|jvm|process|system)_[a-z0-9_]+)\\b|\\bup\\{");

    private static TestServer server;
    private static String scrape;

    /** One server that has seen every kind of client, so every labelled series exists. */
    @BeforeAll
    static void scriptedSession() throws Exception {
        server = TestServer.start();
        ShmClients.normalSession(server);
        ShmClients.truncatingSession(server);
        ShmClients.protocolErrorSession(server);
        System.gc(); // Micrometer registers the GC pause timer at the first collection it is told of
        Thread.sleep(200);
        scrape = AdminHttp.getOverTcp(server, "/metrics", null).body();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void promtoolFindsNothingToLintInALiveScrape() throws Exception {
        Path promtool = DebianTool.require("promtool", "prometheus");
        Result r = run(scrape, promtool.toString(), "check", "metrics");
        assertThat(r.exit).as("promtool check metrics:\n%s", r.output).isZero();
        assertThat(r.output).isBlank();
    }

    @Test
    void promtoolAcceptsTheRulesTheirUnitTestsAndTheScrapeConfiguration() throws Exception {
        Path promtool = DebianTool.require("promtool", "prometheus");
        Result rules = run(null, promtool.toString(), "check", "rules", RULES.toString());
        assertThat(rules.exit).as(rules.output).isZero();
        assertThat(rules.output).contains("SUCCESS: 6 rules found");
        Result tests = run(null, promtool.toString(), "test", "rules", PROMETHEUS.resolve("shmward-rules.test.yml").toString());
        assertThat(tests.exit).as(tests.output).isZero();
        assertThat(tests.output).contains("SUCCESS");
        Result config = run(null, promtool.toString(), "check", "config", PROMETHEUS.resolve("prometheus.yml").toString());
        assertThat(config.exit).as(config.output).isZero();
    }

    @Test
    void everyMetricTheRulesAndTheDashboardQueryIsExported() throws Exception {
        Set<String> exported = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                exported.add(line.split("[{ ]", 2)[0]);
            }
        }
        exported.add("up"); // Prometheus' own, per scrape target

        List<String> queries = new ArrayList<>();
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
        rules.findValues("expr").forEach(e -> queries.add(e.asText()));
        int ruleQueries = queries.size();
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        dashboard.findValues("expr").forEach(e -> queries.add(e.asText()));
        dashboard.findValues("definition").forEach(e -> queries.add(e.asText()));
        assertThat(ruleQueries).isEqualTo(6);
        assertThat(queries.size() - ruleQueries).isGreaterThan(10);

        Set<String> referenced = new TreeSet<>();
        for (String q : queries) {
            Matcher m = METRIC.matcher(q);
            while (m.find()) {
                referenced.add(m.group(1) != null ? m.group(1) : "up");
            }
        }
        assertThat(referenced).contains("shmward_shm_truncations_total", "shmward_protocol_errors_total",
                "shmward_connections_open", "shmward_shm_mapped_bytes", "shmward_shm_consume_seconds_bucket", "up");
        assertThat(exported).containsAll(referenced);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String stdin, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
