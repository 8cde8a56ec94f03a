package io.shmward.client.attack;

import io.shmward.client.ClientObject;
import io.shmward.client.MemFile;
import io.shmward.client.ShmScene;
import io.shmward.client.SwapChain;
import io.shmward.client.VisibleSurface;
import io.shmward.client.WaylandClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Many clients at once: well-behaved ones must all get their work done while one attacks. */
final class CrowdAttacks {
    private static final int CLIENTS = 50;
    private static final int FRAMES = 20;
    private static final int SIDE = 64;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(45);

    private CrowdAttacks() {
    }

    static List<Scenario> scenarios() {
        return List.of(new Scenario("crowd.fifty-and-one-attacker",
                CLIENTS + " clients each present " + FRAMES + " frames while an attacker truncates its pool under "
                        + "commits and floods syncs, reconnecting whenever it is thrown out",
                new Expectation("all " + CLIENTS + " well-behaved clients complete (the attacker may meet any fate)",
                        "A compositor serves every client; one client's misbehaviour costs that client alone "
                                + "(libwayland destroys only the offending wl_client).",
                        o -> o.measured("well-behaved-completed") != null
                                && o.measured("well-behaved-completed") == CLIENTS),
                Duration.ofSeconds(90), CrowdAttacks::fiftyAndOne));
    }

    private static Observation fiftyAndOne(AttackContext ctx) throws Exception {
        ShmScene attackerScene = ctx.scene();
        AtomicBoolean crowdDone = new AtomicBoolean();
        Observation[] attackerFate = new Observation[1];
        Thread attacker = Thread.ofPlatform().name("crowd-attacker")
                .start(() -> attackerFate[0] = attack(ctx, attackerScene, crowdDone));
        AtomicInteger completed = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> crowd = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            crowd.add(Thread.ofPlatform().name("crowd-" + i).start(() -> {
                try {
                    behaveWell(ctx);
                    completed.incrementAndGet();
                } catch (IOException | RuntimeException e) {
                    failures.add(e.toString());
                }
            }));
        }
        for (Thread t : crowd) {
            t.join();
        }
        crowdDone.set(true);
        attacker.join();
        Observation o = attackerFate[0].measure("well-behaved-completed", completed.get())
                .note(completed.get() + " of " + CLIENTS + " well-behaved clients completed " + FRAMES + " frames");
        for (String f : failures.stream().distinct().limit(3).toList()) {
            o = o.note("a well-behaved client failed: " + f);
        }
        return o;
    }

    /** A client like weston-simple-shm: a visible surface, two buffers, each reused only after its release. */
    private static void behaveWell(AttackContext ctx) throws IOException {
        ShmScene scene = ctx.scene();
        VisibleSurface surface = ctx.surface(scene);
        try (SwapChain chain = new SwapChain(surface, SIDE, SIDE)) {
            for (int f = 0; f < FRAMES; f++) {
                ClientObject done = chain.present(true, CLIENT_TIMEOUT);
                scene.client().dispatchUntil(done::isDestroyed, CLIENT_TIMEOUT);
            }
        }
        scene.client().roundtrip(CLIENT_TIMEOUT);
    }

    /**
     * Truncates its pool under commits and floods syncs until the crowd is done; thrown out, it connects
     * again and goes on. Returns the fate of its last connection and how many it took.
     */
    private static Observation attack(AttackContext ctx, ShmScene first, AtomicBoolean crowdDone) {
        ShmScene scene = first;
        Observation last = Observation.of(Outcome.SERVED);
        int connections = 1;
        try {
            while (true) {
                last = attackOnce(ctx, scene, crowdDone);
                if (crowdDone.get()) {
                    return last.measure("attacker-connections", connections);
                }
                scene = ctx.scene();
                connections++;
            }
        } catch (IOException | RuntimeException e) {
            return last.note("the attacker could not reconnect: " + e).measure("attacker-connections", connections);
        }
    }

    private static Observation attackOnce(AttackContext ctx, ShmScene scene, AtomicBoolean crowdDone) {
        WaylandClient c = scene.client();
        try {
            VisibleSurface surface = ctx.surface(scene);
            int size = SIDE * SIDE * 4;
            MemFile file = ctx.memfd(size);
            ClientObject pool = scene.createPool(file.fd(), size);
            ClientObject buffer = scene.createBuffer(pool, 0, SIDE, SIDE, SIDE * 4, ShmScene.ARGB8888);
            NewIdFlood syncs = new NewIdFlood(c, c.display(), "sync");
            long round = 0;
            while (!crowdDone.get()) {
                file.truncate(round++ % 2 == 0 ? 0 : size);
                surface.show(buffer, SIDE, SIDE);
                syncs.send(500);
                c.roundtrip(AttackContext.ANSWER);
            }
            return ctx.settle(c);
        } catch (IOException e) {
            return ctx.settle(c);
        } catch (RuntimeException e) {
            return Observation.of(Outcome.INCONCLUSIVE).note("the attacker failed: " + e);
        }
    }
}
