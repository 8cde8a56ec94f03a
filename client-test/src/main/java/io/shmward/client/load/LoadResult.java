package io.shmward.client.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * What a load run measured: operations completed in the measured window, their rate, the latency
 * distribution (microseconds), how late paced round trips were sent (empty unless paced), the clients that
 * failed and, of those, how many the server dropped.
 */
public record LoadResult(LoadSettings settings, String target, long operations, double seconds, Histogram latency,
                         Histogram sendLag, List<String> errors, int dropped) {
    /** Latencies are recorded in nanoseconds up to this; a longer one is recorded as this. */
    static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    public LoadResult {
        errors = List.copyOf(errors);
    }

    /** A closed-loop run's (or an idle crowd's): nothing is sent on a schedule, so nothing is sent late. */
    LoadResult(LoadSettings settings, String target, long operations, double seconds, Histogram latency,
               Failures failures) {
        this(settings, target, operations, seconds, latency, histogram(), failures);
    }

    LoadResult(LoadSettings settings, String target, long operations, double seconds, Histogram latency,
               Histogram sendLag, Failures failures) {
        this(settings, target, operations, seconds, latency, sendLag, failures.errors(), failures.dropped());
    }

    /** An empty histogram for latencies in nanoseconds, 3 significant digits. */
    static Histogram histogram() {
        return new Histogram(HIGHEST_NANOS, 3);
    }

    /** Commits (or round trips) per second, all clients together. */
    public double perSecond() {
        return operations / seconds;
    }

    public double percentileMicros(double percentile) {
        return micros(latency, percentile);
    }

    private static double micros(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "load against %s: %d client(s), %s mode%s, %.1f s measured after %.1f s warm-up%n",
                target, settings.clients(), settings.mode().name().toLowerCase(Locale.ROOT), modeDetail(),
                seconds, settings.warmup().toMillis() / 1000.0));
        if (settings.mode() == LoadMode.IDLE) {
            out.append(String.format(Locale.ROOT, "  served       %,d of %,d at the end (a round trip each)%n",
                    operations, settings.clients()));
        } else {
            String what = settings.mode() == LoadMode.COMMIT ? "commits" : "round trips";
            out.append(String.format(Locale.ROOT, "  %-12s %,d (%,.0f/s)%n", what, operations, perSecond()));
            out.append(String.format(Locale.ROOT, "  latency us   p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%s%n",
                    percentileMicros(50), percentileMicros(99), percentileMicros(99.9), latency.getMaxValue() / 1000.0,
                    settings.paced() ? "  (from each round trip's intended send time)" : ""));
            if (settings.paced()) {
                out.append(String.format(Locale.ROOT, "  sent late us p50 %.1f  p99 %.1f  max %.1f  (the generator's own delay; in the latency)%n",
                        micros(sendLag, 50), micros(sendLag, 99), sendLag.getMaxValue() / 1000.0));
            }
        }
        out.append(String.format(Locale.ROOT, "  errors       %d%n", errors.size()));
        // a thousand clients failing alike make one line, not a thousand
        errors.stream().collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()))
                .forEach((e, n) -> out.append("    ").append(e).append(n > 1 ? " (x" + n + ")" : "").append('\n'));
        out.append(String.format(Locale.ROOT, "  dropped      %d (clients whose connection the server closed)%n", dropped));
        return out.toString();
    }

    private String modeDetail() {
        if (settings.mode() == LoadMode.COMMIT) {
            return ", " + settings.width() + "x" + settings.height() + " ARGB8888";
        }
        if (settings.paced()) {
            return String.format(Locale.ROOT, ", paced at %,.1f/s per client (%,.0f/s in all)", settings.rate(),
                    settings.rate() * settings.clients());
        }
        return "";
    }

    public String json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("target", target);
        doc.put("mode", settings.mode().name().toLowerCase(Locale.ROOT));
        doc.put("clients", settings.clients());
        doc.put("width", settings.width());
        doc.put("height", settings.height());
        doc.put("rate", settings.rate());
        doc.put("warmupSeconds", settings.warmup().toMillis() / 1000.0);
        doc.put("seconds", seconds);
        doc.put("operations", operations);
        doc.put("perSecond", perSecond());
        Map<String, Object> lat = new LinkedHashMap<>();
        lat.put("p50", percentileMicros(50));
        lat.put("p99", percentileMicros(99));
        lat.put("p999", percentileMicros(99.9));
        lat.put("max", latency.getMaxValue() / 1000.0);
        doc.put("latencyMicros", lat);
        if (settings.paced()) {
            Map<String, Object> lag = new LinkedHashMap<>();
            lag.put("p50", micros(sendLag, 50));
            lag.put("p99", micros(sendLag, 99));
            lag.put("max", sendLag.getMaxValue() / 1000.0);
            doc.put("sendLagMicros", lag);
        }
        doc.put("errors", errors);
        doc.put("dropped", dropped);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
