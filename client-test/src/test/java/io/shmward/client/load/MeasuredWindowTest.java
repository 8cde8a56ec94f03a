package io.shmward.client.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class MeasuredWindowTest {
    private static final long MS = 1_000_000;

    @Test
    void countsRoundTripsIntendedInsideTheWindowWhenEverAnswered() {
        MeasuredWindow w = new MeasuredWindow(100 * MS, 200 * MS);
        w.answered(99 * MS, 100 * MS);   // intended before: warm-up
        w.answered(100 * MS, 101 * MS);  // the first counted
        w.answered(199 * MS, 500 * MS);  // intended inside, answered long after the end: counted
        w.answered(200 * MS, 201 * MS);  // intended at the end: not
        assertThat(w.answered()).isEqualTo(2);
        assertThat(w.latency().getTotalCount()).isEqualTo(2);
        assertThat(w.latency().getMaxValue()).isCloseTo(301 * MS, withinPercentage(1)); // 3 digits kept
    }

    @Test
    void aStallShowsInEveryRoundTripItDelayedNotJustOne() {
        // one round trip every 10 ms; the compositor stalls 100 ms from t = 0 and then answers all at once,
        // and a closed-loop client would have sent (and timed) only the first of them
        MeasuredWindow w = new MeasuredWindow(0, 200 * MS);
        for (long t = 0; t < 100 * MS; t += 10 * MS) {
            w.sent(t, t);
            w.answered(t, 100 * MS);
        }
        assertThat(w.answered()).isEqualTo(10);
        assertThat(w.latency().getValueAtPercentile(50)).isBetween(50 * MS, 60 * MS);
        assertThat(w.latency().getMaxValue()).isCloseTo(100 * MS, withinPercentage(1));
        assertThat(w.sendLag().getMaxValue()).isZero();
    }

    @Test
    void sendLagIsKeptApart() {
        MeasuredWindow w = new MeasuredWindow(0, 100 * MS);
        w.sent(10 * MS, 13 * MS);
        w.answered(10 * MS, 14 * MS);
        assertThat(w.sendLag().getMaxValue()).isCloseTo(3 * MS, withinPercentage(1));
        assertThat(w.latency().getMaxValue()).isCloseTo(4 * MS, withinPercentage(1));
    }

    @Test
    void noneCountsNothing() {
        MeasuredWindow w = MeasuredWindow.none();
        w.sent(0, 1);
        w.answered(0, 5);
        assertThat(w.answered()).isZero();
        assertThat(w.latency().getTotalCount()).isZero();
    }
}
