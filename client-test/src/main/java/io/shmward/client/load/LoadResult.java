package io.shmward.client.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a load run measured: operations completed in the measured window, their rate, the latency
 * distribution (microseconds), and the clients that failed.
 */
public record LoadResult(LoadSettings settings, String target, long operations, double seconds, Histogram latency,
                         List<String> errors) {

    public LoadResult {
        errors = List.copyOf(errors);
    }

    /** Commits (or round trips) per second, all clients together. */
    public double perSecond() {
        return operations / seconds;
    }

    public double percentileMicros(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    public String text() {
        String what = settings.mode() == LoadMode.COMMIT ? "commits" : "round trips";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "load against %s: %d client(s), %s mode%s, %.1f s measured after %.1f s warm-up%n",
                target, settings.clients(), settings.mode().name().toLowerCase(Locale.ROOT),
                settings.mode() == LoadMode.COMMIT ? ", " + settings.width() + "x" + settings.height() + " ARGB8888" : "",
                seconds, settings.warmup().toMillis() / 1000.0));
        out.append(String.format(Locale.ROOT, "  %-12s %,d (%,.0f/s)%n", what, operations, perSecond()));
        out.append(String.format(Locale.ROOT, "  latency us   p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                percentileMicros(50), percentileMicros(99), percentileMicros(99.9), latency.getMaxValue() / 1000.0));
        out.append(String.format(Locale.ROOT, "  errors       %d%n", errors.size()));
        errors.forEach(e -> out.append("    ").append(e).append('\n'));
        return out.toString();
    }

    public String json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("target", target);
        doc.put("mode", settings.mode().name().toLowerCase(Locale.ROOT));
        doc.put("clients", settings.clients());
        doc.put("width", settings.width());
        doc.put("height", settings.height());
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
        doc.put("errors", errors);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
