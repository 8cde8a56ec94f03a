package io.shmward.server.shm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The whole-buffer ratios of {@link ConsumeBenchmark} (mapped / plain copy, pread / plain copy) measured as
 * paired rounds. On a shared VM the memory bandwidth drifts by a factor of two within minutes, and JMH runs
 * every fork of one source before the next source, so two sources' scores from one plain JMH run compare
 * different minutes of the machine. Here each round runs one short fork of each source back to back, in
 * an order that rotates from round to round, and the ratio is taken within the round; the median over
 * rounds is the figure.
 *
 * <p>Run: {@code ./mvnw -Pjmh -pl server -am verify -DskipTests -Djmh.main=io.shmward.server.shm.ConsumeRatio
 * -Djmh.args=ROUNDS} (default 10 rounds, about 25 s each).
 */
public final class ConsumeRatio {
    private static final List<String> SOURCES = List.of("sealed", "unsealed", "memcpy");

    private ConsumeRatio() {
    }

    public static void main(String[] args) throws RunnerException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<Double> mapped = new ArrayList<>();
        List<Double> pread = new ArrayList<>();
        System.out.printf("%-6s %14s %14s %14s %10s %10s%n", "round", "sealed µs", "unsealed µs", "memcpy µs",
                "mapped/c", "pread/c");
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(SOURCES);
            Collections.rotate(order, round);
            Map<String, Double> micros = new LinkedHashMap<>();
            for (String source : order) {
                micros.put(source, measure(source));
            }
            double plain = micros.get("memcpy");
            mapped.add(plain / micros.get("sealed"));
            pread.add(plain / micros.get("unsealed"));
            System.out.printf("%-6d %14.1f %14.1f %14.1f %9.2fx %9.2fx%n", round, micros.get("sealed"),
                    micros.get("unsealed"), plain, mapped.getLast(), pread.getLast());
        }
        System.out.printf("median over %d rounds: mapped %.2fx (range %.2f-%.2f), pread %.2fx (range %.2f-%.2f)"
                + " of a plain native copy%n", rounds, median(mapped), min(mapped), max(mapped), median(pread),
                min(pread), max(pread));
    }

    /** Mean microseconds per whole-buffer consume from one fork of {@code source}. */
    private static double measure(String source) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(ConsumeBenchmark.class.getName() + ".consume")
                .param("source", source)
                .param("region", "full")
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(4)
                .measurementTime(TimeValue.seconds(1))
                .verbosity(VerboseMode.SILENT)
                .build();
        return new Runner(options).runSingle().getPrimaryResult().getScore();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
