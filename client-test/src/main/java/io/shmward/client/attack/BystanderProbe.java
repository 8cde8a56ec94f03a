package io.shmward.client.attack;

import io.shmward.client.RoundTripTimer;
import java.io.IOException;
import java.time.Duration;

/**
 * A second client whose round trips are timed while an attack runs ({@link RoundTripTimer}), keeping its
 * slowest round trip and whether one failed: how much an attacker's work costs everybody else.
 */
final class BystanderProbe implements AutoCloseable {
    /** The slowest round trip a bystander should ever see, attack or not. */
    static final long BOUND_MILLIS = 1000;
    static final String EXPECTATION = "the bystander answered every round trip within 1 s";

    private final Duration patience;
    private final RoundTripTimer timer;

    BystanderProbe(AttackContext ctx) throws IOException {
        this(ctx, AttackContext.ANSWER);
    }

    /**
     * A probe whose round trips may take up to {@code patience} before counting as failed: longer than
     * {@link AttackContext#ANSWER} where a stall is expected and its whole length is the measure.
     */
    BystanderProbe(AttackContext ctx, Duration patience) throws IOException {
        this.patience = patience;
        this.timer = RoundTripTimer.start(ctx.connect(), patience);
    }

    /** Stops probing and adds what it saw to {@code o}: the measures, and the worst round trip in words. */
    Observation stopAndReport(Observation o) throws InterruptedException {
        close();
        long slowestMs = timer.slowest().toMillis();
        return o.note("bystander's worst round trip: " + slowestMs + " ms (" + timer.answered() + " answered"
                        + (timer.failures() > 0 ? ", 1 failed or not answered within " + patience.toMillis() + " ms" : "")
                        + ")")
                .measure("bystander-slowest-ms", slowestMs).measure("bystander-failures", timer.failures());
    }

    /** True when the probe saw no failure and no round trip slower than {@link #BOUND_MILLIS}. */
    static boolean keptUp(Observation o) {
        Long slowest = o.measured("bystander-slowest-ms");
        Long failed = o.measured("bystander-failures");
        return slowest != null && failed != null && failed == 0 && slowest < BOUND_MILLIS;
    }

    @Override
    public void close() throws InterruptedException {
        timer.close();
    }
}
