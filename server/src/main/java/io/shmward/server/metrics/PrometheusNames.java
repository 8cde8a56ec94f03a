package io.shmward.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.lang.management.ManagementFactory;

/**
 * Two of Micrometer's process binders' meters break Prometheus' naming rules (promtool check metrics
 * flags them): {@code process.cpu.time} is in nanoseconds ({@code process_cpu_time_ns_total}) and
 * {@code system.cpu.count} ends in {@code _count}, a suffix reserved for histograms and summaries. This
 * filter drops the first, replaced by Prometheus' own {@code process_cpu_seconds_total}, and renames the
 * second {@code system_cpus}.
 */
final class PrometheusNames {
    static final MeterFilter FILTER = new MeterFilter() {
        @Override
        public MeterFilterReply accept(Meter.Id id) {
            return id.getName().equals("process.cpu.time") ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
        }

        @Override
        public Meter.Id map(Meter.Id id) {
            return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
        }
    };

    private PrometheusNames() {
    }

    /** CPU time of this process in seconds, when the JVM can tell ({@code com.sun.management}). */
    static void registerProcessCpuSeconds(MeterRegistry registry) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("CPU time used by the Shmward process").register(registry);
        }
    }
}
