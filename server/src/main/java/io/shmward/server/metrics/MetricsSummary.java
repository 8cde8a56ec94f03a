package io.shmward.server.metrics;

import java.util.Map;

/**
 * The headline counters at one moment, for a person (the status page); monitoring scrapes the full set at
 * {@code /metrics}. Counts since start unless named "open" or "live".
 */
public record MetricsSummary(
        long connectionsAccepted,
        long connectionsOpen,
        Map<String, Long> connectionsClosedByReason,
        long requests,
        long events,
        long protocolErrors,
        Map<String, Long> truncationsByReaction,
        long zeroFilledBytes,
        long mappedBytes,
        long poolsLive,
        long buffersLive,
        long commits,
        long consumedBytes,
        long fdsReceived,
        long fdsClosed) {
}
