package io.shmward.client.attack;

import static io.shmward.client.attack.Expectation.refused;
import static io.shmward.client.attack.Expectation.refusedSomehow;

import io.shmward.client.ClientObject;
import io.shmward.client.ClientRegistry;
import io.shmward.client.MemFile;
import io.shmward.client.RawMessage;
import io.shmward.client.ShmScene;
import io.shmward.client.WaylandClient;
import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.Protocol;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Attacks on the wire protocol: frames that lie about their size, messages to nothing, malformed
 * arguments, fds without messages and messages without fds, and clients that flood or never read.
 */
final class WireAttacks {
    private static final InterfaceSpec WL_DISPLAY = Protocol.standard().get("wl_display");
    private static final InterfaceSpec WL_REGISTRY = Protocol.standard().get("wl_registry");
    private static final int SYNC = WL_DISPLAY.request("sync").opcode();
    private static final int GET_REGISTRY = WL_DISPLAY.request("get_registry").opcode();
    private static final int BIND = WL_REGISTRY.request("bind").opcode();
    private static final int CREATE_POOL = Protocol.standard().get("wl_shm").request("create_pool").opcode();
    /** fds per sendmsg, as libwayland sends them (MAX_FDS_OUT). */
    private static final int FDS_PER_MESSAGE = 28;
    private static final Duration FLOOD_WRITE_TIMEOUT = Duration.ofSeconds(2);
    /** Fds the target may still hold after an attacker left; a little slack for the target's own business. */
    private static final long FD_SLACK = 2;

    private static final String DEMARSHAL_BASIS = "wl_display.error.invalid_method: \"method doesn't exist on the "
            + "specified interface or malformed request\"; libwayland-server posts it when wl_connection_demarshal "
            + "fails (\"invalid arguments for %s@%u.%s\") and destroys the client.";
    private static final String FRAMING_BASIS = "Protocol.xml \"Wire Format\": the size counts the 8-byte header and "
            + "arguments are 32-bit aligned. libwayland refuses a size below 8 with invalid_method (tests/"
            + "connection-test.c request_bogus_size) and drops a client whose message outgrows its 4096-byte buffer "
            + "(EOVERFLOW); what follows a misaligned frame is garbage, so any refusal is right.";
    static final String BOUND_BASIS = "Nothing in the protocol bounds what one client may ask for; a robust "
            + "compositor survives, serves the others, and keeps the attacker within a stated bound or disconnects it.";
    private static final String UNREAD_BASIS = BOUND_BASIS + " libwayland drops a client whose events no longer fit "
            + "its output buffer (wl_closure_send fails, the client is destroyed).";

    private WireAttacks() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.add(new Scenario("wire.size-below-8", "wl_display.sync whose header claims 4 bytes",
                refusedSomehow(FRAMING_BASIS), ctx -> sendAndSettle(ctx, id -> RawMessage.to(1, SYNC).word(id).claimSize(4).build())));
        all.add(new Scenario("wire.size-not-multiple-of-4", "wl_display.sync whose header claims 13 bytes",
                refusedSomehow(FRAMING_BASIS), ctx -> sendAndSettle(ctx,
                        id -> RawMessage.to(1, SYNC).word(id).bytes(new byte[4]).claimSize(13).build())));
        all.add(new Scenario("wire.size-above-4096", "a 8192-byte message, header and zeros",
                refusedSomehow(FRAMING_BASIS), ctx -> sendAndSettle(ctx,
                        id -> RawMessage.to(1, SYNC).word(id).bytes(new byte[8192 - 12]).build())));
        all.add(new Scenario("wire.unknown-object", "a request to object 77, which does not exist",
                refused("invalid_object", "wl_display.error.invalid_object: \"server couldn't find object\"; "
                        + "libwayland wl_client_connection_data: \"invalid object %u\"."),
                ctx -> sendAndSettle(ctx, id -> RawMessage.to(77, 0).word(id).build())));
        all.add(new Scenario("wire.unknown-opcode", "wl_display request number 9 (wl_display has 2)",
                refused("invalid_method", "wl_display.error.invalid_method: \"method doesn't exist on the specified "
                        + "interface\"; libwayland: \"invalid method %d, object %s@%u\"."),
                ctx -> sendAndSettle(ctx, id -> RawMessage.to(1, WL_DISPLAY.requests().size() + 7).word(id).build())));
        all.add(new Scenario("wire.string-without-nul", "wl_registry.bind whose interface string lacks its NUL",
                refused("invalid_method", DEMARSHAL_BASIS + " Protocol.xml: strings are NUL-terminated."),
                ctx -> bindRaw(ctx, registry -> RawMessage.to(registry, BIND).word(1).word(4)
                        .bytes("abcd".getBytes(StandardCharsets.US_ASCII)).word(1))));
        all.add(new Scenario("wire.string-length-past-message", "wl_registry.bind whose string length is 400 in a 28-byte message",
                refused("invalid_method", DEMARSHAL_BASIS),
                ctx -> bindRaw(ctx, registry -> RawMessage.to(registry, BIND).word(1).word(400)
                        .bytes("ab\0\0".getBytes(StandardCharsets.US_ASCII)).word(1))));
        all.add(new Scenario("wire.new-id-not-next", "wl_display.sync with new id 40 on a fresh connection (next is 2)",
                refused("invalid_method", "Protocol.xml \"Creating Objects\": ids are densely packed, \"not merely a "
                        + "guideline\"; libwayland wl_map_reserve_new refuses others (\"not a valid new object id\")."),
                WireAttacks::newIdNotNext));
        all.add(new Scenario("wire.bind-wrong-interface", "wl_registry.bind of wl_shm's name as wl_compositor",
                refused("invalid_object", "libwayland registry_bind: \"invalid interface for global\", wl_display's "
                        + "invalid_object posted on the registry."),
                ctx -> bind(ctx, "wl_shm", "wl_compositor", 0)));
        all.add(new Scenario("wire.bind-too-high-version", "wl_registry.bind of wl_shm at one above its advertised version",
                refused("invalid_object", "wl_registry.bind binds \"at the given version\", at most the advertised one; "
                        + "libwayland registry_bind: \"invalid version for global\", wl_display's invalid_object posted on the "
                        + "registry."),
                ctx -> bind(ctx, "wl_shm", "wl_shm", 1)));
        all.add(new Scenario("wire.fd-never-came", "wl_shm.create_pool's bytes sent without its fd",
                refused("invalid_method", "Protocol.xml: an fd argument travels as ancillary data, with or before its "
                        + "message; libwayland wl_connection_demarshal: \"file descriptor expected\", then invalid_method."),
                WireAttacks::fdNeverCame));
        all.add(new Scenario("wire.stray-fds", "100 wl_display.sync requests each carrying 28 fds no message takes",
                Expectation.bounded("disconnected (or refused, or throttled) before 2,800 stray fds are queued", BOUND_BASIS
                                + " libwayland keeps at most 1024 unclaimed fds (its 4096-byte fd ring; EOVERFLOW past it)"
                                + " and closes them with the client.")
                        .and("none of them held once the client is gone (checked with --pid)", WireAttacks::noFdsKept),
                WireAttacks::strayFds));
        all.add(new Scenario("wire.cut-off-by-disconnect", "wl_shm.create_pool cut after 12 of 16 bytes, its fd sent, then disconnect",
                Expectation.outcomes("the compositor drops the half message with the client",
                                BOUND_BASIS + " libwayland closes the fds still queued when it destroys a client.",
                                Outcome.LEFT)
                        .and("the fd not held once the client is gone (checked with --pid)", WireAttacks::noFdsKept),
                WireAttacks::cutOffByDisconnect));
        all.add(new Scenario("wire.sync-never-read", "up to 1,000,000 wl_display.sync with fresh ids, their events never read",
                Expectation.bounded("disconnected or throttled: the compositor does not queue events without bound",
                        UNREAD_BASIS),
                WireAttacks::syncNeverRead));
        all.add(new Scenario("wire.objects-without-bound", "up to 1,000,000 wl_compositor.create_region, each a live object",
                Expectation.bounded("refused (wl_display.error.no_memory) or disconnected before 1,000,000 live objects",
                        BOUND_BASIS + " Every region costs the compositor memory for as long as the client lives; "
                                + "libwayland's only bound is WL_MAP_MAX_OBJECTS (0xf00000 ids)."),
                WireAttacks::objectsWithoutBound));
        all.add(new Scenario("wire.subsurface-chain", "20,000 wl_surfaces, each made a sub-surface of the one before, "
                + "then the deepest and the top committed",
                Expectation.outcomes("served, or refused (wl_display.error.no_memory) or disconnected at a nesting bound",
                        BOUND_BASIS + " wl_subcompositor.get_subsurface forbids only cycles; a compositor that walks a "
                                + "window's tree recursively must bound its depth or overflow its stack.",
                        Outcome.SERVED, Outcome.PROTOCOL_ERROR, Outcome.DISCONNECTED),
                WireAttacks::subsurfaceChain));
        all.add(new Scenario("wire.fresh-ids-without-end",
                "wl_display.sync with ever fresh ids, every event read, up to 16,000,000 ids",
                Expectation.bounded("refused or disconnected before the ids pass 16,000,000",
                        BOUND_BASIS + " Protocol.xml \"Creating Objects\": a new id is the next unused one or a freed "
                                + "one, so a client may never reuse ids; a compositor's id map then grows with the highest "
                                + "id, not with the live objects. libwayland caps it: ids past WL_MAP_MAX_OBJECTS "
                                + "(0xf00000 = 15,728,640) fail wl_map_reserve_new (ENOSPC), then invalid_method."),
                Duration.ofSeconds(120), WireAttacks::freshIdsWithoutEnd));
        all.add(new Scenario("wire.never-reads-events", "up to 100,000 wl_display.get_registry, each answered by every global, never read",
                Expectation.bounded("disconnected or throttled: the compositor does not queue events without bound",
                        UNREAD_BASIS),
                WireAttacks::neverReadsEvents));
        all.add(new Scenario("wire.request-storm", "3 s of wl_display.sync bursts (5,000 at a time) while a bystander round-trips every 20 ms",
                Expectation.outcomes("the attacker served, throttled or disconnected", BOUND_BASIS + " One client's flood must not starve another: "
                                + "libwayland dispatches each client in its own event-loop turn.",
                                Outcome.SERVED, Outcome.THROTTLED, Outcome.DISCONNECTED, Outcome.PROTOCOL_ERROR)
                        .and(BystanderProbe.EXPECTATION, BystanderProbe::keptUp),
                WireAttacks::requestStorm));
        return all;
    }

    /**
     * Sends the frame built around a fresh id the client library will not hand out again, so the round trip
     * that settles the attacker can never be answered by the callback of the attack's own sync.
     */
    private static Observation sendAndSettle(AttackContext ctx, java.util.function.IntFunction<byte[]> frame)
            throws IOException {
        WaylandClient c = ctx.connect();
        c.sendRaw(frame.apply(c.reserveIds(1)));
        return ctx.settle(c);
    }

    /** Id 40 on a fresh connection; the round trip that settles it uses id 2, the right next one. */
    private static Observation newIdNotNext(AttackContext ctx) throws IOException {
        WaylandClient c = ctx.connect();
        c.sendRaw(RawMessage.to(1, SYNC).word(40).build());
        return ctx.settle(c);
    }

    /** Gets a registry, then sends the bind built around it, its new id the next one. */
    private static Observation bindRaw(AttackContext ctx, java.util.function.IntFunction<RawMessage> bind) throws IOException {
        WaylandClient c = ctx.connect();
        ClientObject registry = c.create(c.display(), "get_registry", (Object) null);
        c.sendRaw(bind.apply(registry.id()).word(c.reserveIds(1)).build());
        return ctx.settle(c);
    }

    private static Observation bind(AttackContext ctx, String global, String asInterface, int versionAboveAdvertised)
            throws IOException {
        WaylandClient c = ctx.connect();
        ClientRegistry registry = c.registry();
        ClientRegistry.GlobalInfo g = registry.find(global);
        int version = versionAboveAdvertised > 0 ? g.version() + versionAboveAdvertised : 1;
        registry.bind(g.name(), asInterface, version);
        return ctx.settle(c).note("bound " + global + " (name " + g.name() + ") as " + asInterface + " v" + version);
    }

    private static Observation fdNeverCame(AttackContext ctx) throws IOException {
        ShmScene scene = ctx.scene();
        WaylandClient c = scene.client();
        int pool = c.reserveIds(1);
        c.sendRaw(RawMessage.to(scene.shm().id(), CREATE_POOL).word(pool).word(4096).build());
        return ctx.settle(c);
    }

    private static Observation strayFds(AttackContext ctx) throws IOException {
        OptionalLong before = ctx.target().fdCount();
        Observation o;
        int sent = 0;
        try (MemFile file = MemFile.memfd("shmward-stray", 4096); WaylandClient c = ctx.target().connect()) {
            int[] fds = new int[FDS_PER_MESSAGE];
            Arrays.fill(fds, file.fd());
            try {
                for (; sent < 100; sent++) {
                    c.sendRaw(RawMessage.to(1, SYNC).word(c.reserveIds(1)).build(), fds);
                }
            } catch (IOException e) {
                // dropped for it: settle says how
            }
            o = ctx.settle(c).measure("fds-sent", (long) sent * FDS_PER_MESSAGE);
        }
        return withFdsKept(ctx, o, before);
    }

    private static Observation cutOffByDisconnect(AttackContext ctx) throws IOException {
        OptionalLong before = ctx.target().fdCount();
        try (MemFile file = MemFile.memfd("shmward-cut", 4096); WaylandClient c = ctx.target().connect()) {
            ClientRegistry registry = c.registry();
            ClientObject shm = registry.bind("wl_shm", 1);
            c.roundtrip();
            byte[] whole = RawMessage.to(shm.id(), CREATE_POOL).word(c.reserveIds(1)).word(4096).build();
            c.sendRaw(Arrays.copyOf(whole, 12), file.fd());
        }
        return withFdsKept(ctx, Observation.of(Outcome.LEFT), before);
    }

    /**
     * Measures how many more fds the target holds than before the attacker came, once it had time to notice
     * the attacker left (a fresh client's round trip, then a short wait for the count to settle).
     */
    private static Observation withFdsKept(AttackContext ctx, Observation o, OptionalLong before) {
        if (before.isEmpty()) {
            return o;
        }
        ctx.target().answers();
        long deadline = System.nanoTime() + 2_000_000_000L;
        OptionalLong after = ctx.target().fdCount();
        while (after.isPresent() && after.getAsLong() - before.getAsLong() > FD_SLACK && System.nanoTime() < deadline) {
            Target.sleep(50);
            after = ctx.target().fdCount();
        }
        return AttackContext.withDelta(o, "target-fds-kept", before, after);
    }

    private static boolean noFdsKept(Observation o) {
        Long kept = o.measured("target-fds-kept");
        return kept == null || kept <= FD_SLACK;
    }

    private static Observation syncNeverRead(AttackContext ctx) throws IOException {
        WaylandClient c = ctx.connect();
        c.setWriteTimeout(FLOOD_WRITE_TIMEOUT);
        return flood(ctx, c, new NewIdFlood(c, c.display(), "sync"), 1_000, 1_000_000, "syncs-sent");
    }

    private static Observation neverReadsEvents(AttackContext ctx) throws IOException {
        WaylandClient c = ctx.connect();
        c.setWriteTimeout(FLOOD_WRITE_TIMEOUT);
        return flood(ctx, c, new NewIdFlood(c, c.display(), "get_registry"), 100, 100_000, "registries-sent");
    }

    /** Sends {@code total} requests in batches without reading a byte, until refused, pushed back or done. */
    private static Observation flood(AttackContext ctx, WaylandClient c, NewIdFlood flood, int batch, int total,
                                     String measure) {
        int sent = 0;
        try {
            while (sent < total) {
                flood.send(batch);
                sent += batch;
            }
        } catch (SocketTimeoutException e) {
            return Observation.of(Outcome.THROTTLED).measure(measure, sent)
                    .note("writes blocked for " + FLOOD_WRITE_TIMEOUT.toSeconds() + " s: the compositor stopped reading");
        } catch (IOException e) {
            return ctx.drain(c).measure(measure, sent);
        }
        return ctx.settle(c).measure(measure, sent);
    }

    private static Observation objectsWithoutBound(AttackContext ctx) throws IOException {
        ShmScene scene = ctx.scene();
        WaylandClient c = scene.client();
        NewIdFlood regions = new NewIdFlood(c, scene.registry().bind("wl_compositor", 1), "create_region");
        OptionalLong before = ctx.target().residentKiB();
        long created = 0;
        Observation o;
        try {
            while (created < 1_000_000) {
                regions.send(1_000);
                created += 1_000;
                if (created % 20_000 == 0) {
                    c.roundtrip(AttackContext.ANSWER);
                }
            }
            o = ctx.settle(c);
        } catch (IOException e) {
            o = ctx.settle(c);
        }
        return AttackContext.withDelta(o.measure("regions-sent", created), "target-resident-kib", before,
                ctx.target().residentKiB());
    }

    private static Observation subsurfaceChain(AttackContext ctx) throws IOException {
        ShmScene scene = ctx.scene();
        WaylandClient c = scene.client();
        ClientObject subcompositor = scene.registry().bind("wl_subcompositor", 1);
        ClientObject top = scene.createSurface();
        ClientObject parent = top;
        int nested = 0;
        Observation o;
        try {
            while (nested < 20_000) {
                ClientObject child = scene.createSurface();
                c.create(subcompositor, "get_subsurface", null, child.id(), parent.id());
                parent = child;
                if (++nested % 1_000 == 0) {
                    c.roundtrip(AttackContext.ANSWER);
                }
            }
            parent.send("commit");
            top.send("commit");
            o = ctx.settle(c);
        } catch (IOException e) {
            o = ctx.settle(c);
        }
        return o.measure("sub-surfaces-nested", nested);
    }

    private static Observation freshIdsWithoutEnd(AttackContext ctx) throws IOException {
        WaylandClient c = ctx.connect();
        NewIdFlood syncs = new NewIdFlood(c, c.display(), "sync");
        OptionalLong before = ctx.target().residentKiB();
        long ids = 0;
        Observation o;
        try {
            while (ids < 16_000_000) {
                syncs.send(2_000); // 48 KB of events: within what the socket holds, so no back-pressure bound hits
                ids += 2_000;
                c.roundtrip(AttackContext.ANSWER);
            }
            o = ctx.settle(c);
        } catch (IOException e) {
            o = ctx.settle(c);
        }
        return AttackContext.withDelta(o.measure("ids-sent", ids), "target-resident-kib", before, ctx.target().residentKiB());
    }

    private static Observation requestStorm(AttackContext ctx) throws Exception {
        WaylandClient attacker = ctx.connect();
        BystanderProbe probe = new BystanderProbe(ctx);
        NewIdFlood syncs = new NewIdFlood(attacker, attacker.display(), "sync");
        attacker.setWriteTimeout(FLOOD_WRITE_TIMEOUT);
        long sent = 0;
        Observation o;
        long deadline = System.nanoTime() + 3_000_000_000L;
        try {
            while (System.nanoTime() < deadline) {
                syncs.send(5_000);
                sent += 5_000;
                attacker.roundtrip(AttackContext.ANSWER);
            }
            o = ctx.settle(attacker);
        } catch (SocketTimeoutException e) {
            o = Observation.of(Outcome.THROTTLED);
        } catch (IOException e) {
            o = ctx.settle(attacker);
        }
        return probe.stopAndReport(o.measure("requests-sent", sent));
    }
}
