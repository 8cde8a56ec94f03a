package io.shmward.client.attack;

import io.shmward.client.VisibleSurface;
import io.shmward.client.WaylandClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs scenarios one after another against a target. Around each: a bystander connects and round-trips
 * before and after; afterwards the target must still be up, and when it is not the report says so and the
 * target is restarted (when it can be) before the next scenario.
 */
public final class AttackRunner {
    /** A dying compositor may take a moment to go; a busy one a moment to answer. */
    private static final Duration RECOVERY = Duration.ofSeconds(10);

    private final Target target;
    private final VisibleSurface.RoleChoice roles;
    private final Consumer<ScenarioResult> progress;

    public AttackRunner(Target target, VisibleSurface.RoleChoice roles, Consumer<ScenarioResult> progress) {
        this.target = target;
        this.roles = roles;
        this.progress = progress;
    }

    public AttackReport run(List<Scenario> scenarios) throws IOException {
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            ScenarioResult r = runOne(s);
            results.add(r);
            progress.accept(r);
        }
        return new AttackReport(target.name(), target.socket().toString(), roles, results);
    }

    private ScenarioResult runOne(Scenario s) throws IOException {
        if (!target.isUp() && !(target.canRestart() && target.restart())) {
            return ScenarioResult.notRun(s, "the target was down before the scenario");
        }
        long start = System.nanoTime();
        WaylandClient bystander = null;
        boolean before;
        try {
            bystander = target.connect();
            bystander.roundtrip(AttackContext.ANSWER);
            before = true;
        } catch (IOException e) {
            before = false;
        }
        Observation o;
        try (AttackContext ctx = new AttackContext(target, roles)) {
            o = runBody(s, ctx);
        }
        boolean after = before && roundtrips(bystander);
        if (bystander != null) {
            bystander.close();
        }
        TargetFate fate = TargetFate.ALIVE;
        if (!stillUp()) {
            fate = target.canRestart() && target.restart() ? TargetFate.RESTARTED : TargetFate.DIED;
        }
        return new ScenarioResult(s, o, before, after, fate, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Runs the body on its own thread; past the budget its connections are closed under it. */
    private static Observation runBody(Scenario s, AttackContext ctx) {
        CompletableFuture<Observation> result = new CompletableFuture<>();
        Thread runner = Thread.ofPlatform().daemon().name("scenario " + s.id())
                .start(() -> result.complete(guarded(s, ctx)));
        try {
            return result.get(s.budget().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ctx.close();
            joinQuietly(runner);
            return Observation.of(Outcome.STALLED).note("the scenario overran its " + s.budget().toSeconds()
                    + " s budget; its connections were closed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.close();
            return Observation.of(Outcome.INCONCLUSIVE).note("interrupted");
        } catch (ExecutionException e) {
            return Observation.of(Outcome.INCONCLUSIVE).note("the scenario failed: " + e.getCause());
        }
    }

    private static Observation guarded(Scenario s, AttackContext ctx) {
        try {
            return s.body().run(ctx);
        } catch (PremiseFailed e) {
            return Observation.of(Outcome.INCONCLUSIVE).note("premise failed: " + e.getMessage());
        } catch (IOException e) {
            WaylandClient attacker = ctx.attacker();
            Observation o = attacker == null ? Observation.of(Outcome.DISCONNECTED) : ctx.settle(attacker);
            return o.note("the attack was cut short: " + e.getMessage());
        } catch (Exception | AssertionError e) {
            return Observation.of(Outcome.INCONCLUSIVE).note("the scenario failed: " + e);
        }
    }

    private static boolean roundtrips(WaylandClient c) {
        try {
            c.roundtrip(AttackContext.ANSWER);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Up now, or within {@link #RECOVERY}; a dead process is not waited for. */
    private boolean stillUp() {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        do {
            if (!target.processAlive()) {
                return false;
            }
            if (target.answers()) {
                return true;
            }
            Target.sleep(100);
        } while (System.nanoTime() < deadline);
        return false;
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
