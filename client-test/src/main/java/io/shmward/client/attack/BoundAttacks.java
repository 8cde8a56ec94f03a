package io.shmward.client.attack;

import io.shmward.client.ClientObject;
import io.shmward.client.ClientRegistry;
import io.shmward.client.MemFile;
import io.shmward.client.ShmScene;
import io.shmward.client.VisibleSurface;
import io.shmward.client.WaylandClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds a robust compositor must hold, and the honest use it must not refuse on their account: what a
 * pool's resize adds is given back with the pool; the mime types of one data source, the configures awaiting
 * acknowledgement on one xdg_surface, and the pool files of all clients together are bounded.
 */
final class BoundAttacks {
    private static final int MIB = 1 << 20;

    private static final int GROWN_CYCLES = 1_000;
    private static final int GROWN_FIRST_SIZE = MIB;
    private static final int GROWN_SIZE = 64 * MIB;
    private static final int TILE = 32;
    private static final int TILE_BYTES = TILE * TILE * 4;

    private static final int OFFERS = 1_000_000;
    private static final int OFFER_BATCH = 1_000;
    private static final int OFFER_ROUNDTRIP = 10_000;

    private static final int TOGGLES = 1_000_000;
    /**
     * Odd, so every batch leaves the window in the other state than the last one did: a compositor that
     * coalesces the toggles of one dispatch into one configure (Weston) still owes a configure per batch.
     */
    private static final int TOGGLE_BATCH = 999;

    private static final int CROWD = 16;
    private static final int POOLS_EACH = 1_000;
    private static final int POOL_ROUNDTRIP = 100;
    private static final int POOL_SIZE = 4096;

    private static final Expectation NO_MEMORY = Expectation.refused("no_memory", "");

    private BoundAttacks() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.add(new Scenario("shm.grown-pool-cycles",
                "an honest client, " + GROWN_CYCLES + " times: a 1 MiB pool on a 64 MiB memfd, resized to 64 MiB, a "
                        + "32x32 buffer at its end shown, then (once replaced) the buffer and pool destroyed",
                Expectation.served("served throughout: all " + GROWN_CYCLES + " cycles, never refused",
                        "wl_shm_pool.resize grows a pool, and wl_shm_pool.destroy: \"The mmapped memory will be released "
                                + "when all buffers that have been created from this pool are gone\" - all of it, what "
                                + "resize added too (libwayland unmaps the pool at its size when its last reference goes). "
                                + "Real clients (foot, GTK) grow their pools as their windows grow. A compositor that "
                                + "bounds a client's pool bytes but gives back only a pool's creation size refuses this "
                                + "honest client after about 66 cycles against a 4 GiB per-client limit."),
                BoundAttacks::grownPoolCycles));
        all.add(new Scenario("wire.data-offer-flood",
                "one wl_data_source offers up to " + String.format("%,d", OFFERS) + " distinct mime types "
                        + "(text/x-flood-N), a round trip every " + String.format("%,d", OFFER_ROUNDTRIP),
                Expectation.bounded("refused (wl_display.error.no_memory) or disconnected before "
                                + String.format("%,d", OFFERS) + " mime types",
                        WireAttacks.BOUND_BASIS + " wl_data_source.offer \"adds a mime type to the set of mime types "
                                + "advertised to targets. Can be called several times\"; each is kept for the life of "
                                + "the source (Weston's data_source_offer copies every one into the source's array, "
                                + "libwayland has no bound)."),
                BoundAttacks::dataOfferFlood));
        all.add(new Scenario("wire.unacked-configure-flood",
                "an xdg_toplevel, its first configure acknowledged, then up to " + String.format("%,d", TOGGLES)
                        + " alternating set_maximized and unset_maximized, no configure ever acknowledged, every "
                        + "event read (a round trip every " + String.format("%,d", TOGGLE_BATCH) + ")",
                Expectation.bounded("refused (wl_display.error.no_memory) or disconnected before "
                                + String.format("%,d", TOGGLES) + " unacknowledged configures",
                        WireAttacks.BOUND_BASIS + " xdg_toplevel.set_maximized: \"the compositor will respond by "
                                + "emitting a configure event\", and again when already maximized; xdg_surface."
                                + "ack_configure: acknowledging serial N consumes it and every older one, and acking a "
                                + "serial never sent is invalid_serial, so a compositor keeps every configure it sent "
                                + "until one at or after it is acknowledged (Weston's libweston-desktop keeps a "
                                + "configure_list, freed only by acks)."),
                BoundAttacks::unackedConfigureFlood));
        all.add(new Scenario("crowd.pool-files-together",
                CROWD + " clients each create up to " + POOLS_EACH + " wl_shm_pools (each below any sane per-client "
                        + "bound, 1,024) from one small sealed memfd, a round trip every " + POOL_ROUNDTRIP
                        + " pools, while a bystander round-trips every 20 ms",
                new Expectation("the client whose pool would pass a server-wide bound refused (wl_display.error."
                        + "no_memory) or disconnected, before " + String.format("%,d", CROWD * POOLS_EACH)
                        + " pools are held in all",
                        WireAttacks.BOUND_BASIS + " Each create_pool hands the compositor a new fd (SCM_RIGHTS "
                                + "makes a copy per message, however few files the clients hold) and a pool to keep "
                                + "for as long as the client wants; per-client bounds alone let enough clients "
                                + "together take the compositor's whole fd table (or its mappings, libwayland maps "
                                + "every pool), and then it can accept no one.",
                        NO_MEMORY::accepts)
                        .and(BystanderProbe.EXPECTATION, BystanderProbe::keptUp),
                BoundAttacks::poolFilesTogether));
        return all;
    }

    // ---- shm.grown-pool-cycles ----------------------------------------------------------------------------

    private static Observation grownPoolCycles(AttackContext ctx) throws Exception {
        ShmScene scene = ctx.scene();
        WaylandClient c = scene.client();
        VisibleSurface surface = ctx.surface(scene);
        int offset = GROWN_SIZE - TILE_BYTES;
        ClientObject shownPool = null;
        ClientObject shownBuffer = null;
        int cycles = 0;
        Observation o;
        try {
            while (cycles < GROWN_CYCLES) {
                ClientObject pool;
                // the client closes its fd once the pool is made, as real clients do
                try (MemFile file = MemFile.memfd("shmward-grown-pool", GROWN_SIZE)) {
                    file.fillPixels(offset, TILE_BYTES, 0xff000000 | cycles * 0x010203);
                    pool = scene.createPool(file.fd(), GROWN_FIRST_SIZE);
                }
                pool.send("resize", GROWN_SIZE);
                ClientObject buffer = scene.createBuffer(pool, offset, TILE, TILE, TILE * 4, ShmScene.ARGB8888);
                surface.show(buffer, TILE, TILE);
                if (shownBuffer != null) {
                    shownBuffer.send("destroy"); // replaced on screen: done with it
                    shownPool.send("destroy");
                }
                shownBuffer = buffer;
                shownPool = pool;
                if (++cycles % 100 == 0) {
                    c.roundtrip(AttackContext.ANSWER);
                }
            }
            o = ctx.settle(c);
        } catch (IOException e) {
            o = ctx.settle(c);
        }
        return o.note(cycles + " of " + GROWN_CYCLES + " grow cycles made (" + (long) cycles * (GROWN_SIZE / MIB)
                        + " MiB claimed by resize over the run, at most two pools of 64 MiB at a time)")
                .measure("cycles", cycles);
    }

    // ---- wire.data-offer-flood ----------------------------------------------------------------------------

    private static Observation dataOfferFlood(AttackContext ctx) throws Exception {
        WaylandClient c = ctx.connect();
        ClientRegistry registry = c.registry();
        ClientRegistry.GlobalInfo manager = registry.globals().stream()
                .filter(g -> g.interfaceName().equals("wl_data_device_manager")).findFirst()
                .orElseThrow(() -> new PremiseFailed("the compositor advertises no wl_data_device_manager"));
        int version = Math.min(3, manager.version());
        ClientObject source = c.create(registry.bind(manager.name(), "wl_data_device_manager", version),
                "create_data_source", (Object) null);
        int offered = 0;
        Observation o;
        try {
            while (offered < OFFERS) {
                try (WaylandClient.Batch batch = c.batch()) {
                    for (int i = 0; i < OFFER_BATCH; i++) {
                        source.send("offer", "text/x-flood-" + (offered + i));
                    }
                }
                offered += OFFER_BATCH;
                if (offered % OFFER_ROUNDTRIP == 0) {
                    c.roundtrip(AttackContext.ANSWER);
                }
            }
            o = ctx.settle(c);
        } catch (IOException e) {
            o = ctx.settle(c);
        }
        return o.note(String.format("%,d", offered) + " offers sent on one wl_data_source (v" + version + ")")
                .measure("offers-sent", offered);
    }

    // ---- wire.unacked-configure-flood ---------------------------------------------------------------------

    private static Observation unackedConfigureFlood(AttackContext ctx) throws Exception {
        ShmScene scene = ctx.scene();
        WaylandClient c = scene.client();
        VisibleSurface surface = ctx.surface(scene);
        if (!surface.isToplevel()) {
            throw new PremiseFailed("no xdg_toplevel to configure (no xdg_wm_base, or roles switched off)");
        }
        ClientObject toplevel = surface.toplevel();
        int sent = 0;
        Observation o;
        try {
            while (sent < TOGGLES) {
                int n = Math.min(TOGGLE_BATCH, TOGGLES - sent);
                try (WaylandClient.Batch batch = c.batch()) {
                    for (int i = 0; i < n; i++) {
                        toplevel.send((sent + i) % 2 == 0 ? "set_maximized" : "unset_maximized");
                    }
                }
                sent += n;
                c.roundtrip(AttackContext.ANSWER); // reads the configures: a client that never reads meets another bound
            }
            o = ctx.settle(c);
        } catch (IOException e) {
            o = ctx.settle(c);
        }
        // the first configure was acknowledged; every one after it is still waiting
        long unacked = surface.xdgSurface().events("configure").size() - 1L;
        return o.note(String.format("%,d", sent) + " set_maximized/unset_maximized sent; " + String.format("%,d", unacked)
                        + " configures received and never acknowledged")
                .measure("requests-sent", sent).measure("configures-unacknowledged", unacked);
    }

    // ---- crowd.pool-files-together ------------------------------------------------------------------------

    /**
     * The clients take turns, each sending its next {@value #POOL_ROUNDTRIP} pools and round-tripping, so all
     * of them hold their pools at once. A refused client is out; the others go on.
     */
    private static Observation poolFilesTogether(AttackContext ctx) throws Exception {
        List<ShmScene> scenes = new ArrayList<>();
        for (int i = 0; i < CROWD; i++) {
            scenes.add(ctx.scene()); // the first is the catalogue's attacker; the probe must not be
        }
        MemFile file = ctx.sealedMemfd(POOL_SIZE);
        BystanderProbe probe = new BystanderProbe(ctx);
        int[] made = new int[CROWD];
        boolean[] out = new boolean[CROWD];
        long sent = 0;
        long confirmed = 0;
        int refused = 0;
        Observation firstRefusal = null;
        for (int round = 0; round < POOLS_EACH / POOL_ROUNDTRIP; round++) {
            for (int i = 0; i < CROWD; i++) {
                if (out[i]) {
                    continue;
                }
                ShmScene scene = scenes.get(i);
                try {
                    for (int p = 0; p < POOL_ROUNDTRIP; p++) {
                        sent++;
                        scene.createPool(file.fd(), POOL_SIZE);
                    }
                    scene.client().roundtrip(AttackContext.ANSWER);
                    made[i] += POOL_ROUNDTRIP;
                    confirmed += POOL_ROUNDTRIP;
                } catch (IOException e) {
                    Observation fate = ctx.settle(scene.client());
                    out[i] = true;
                    refused++;
                    if (firstRefusal == null) {
                        firstRefusal = fate.note("client " + (i + 1) + " refused after " + made[i] + " to "
                                + (made[i] + POOL_ROUNDTRIP) + " pools of its own, with " + confirmed
                                + " pools of all the clients confirmed by round trips");
                    }
                }
            }
        }
        Observation o = firstRefusal != null ? firstRefusal : ctx.settle(scenes.getFirst().client());
        int completed = 0;
        long heldAtEnd = 0;
        for (int i = 0; i < CROWD; i++) {
            completed += made[i] == POOLS_EACH ? 1 : 0;
            heldAtEnd += out[i] ? 0 : made[i];
        }
        return probe.stopAndReport(o.note(String.format("%,d", sent) + " create_pool sent by " + CROWD + " clients, "
                        + String.format("%,d", confirmed) + " confirmed by a round trip (a refused client's go with it); "
                        + refused + " clients refused, " + completed + " made all " + POOLS_EACH + "; "
                        + String.format("%,d", heldAtEnd) + " pools held by the clients still connected at the end")
                .measure("pools-sent", sent).measure("pools-confirmed", confirmed).measure("pools-held-at-end", heldAtEnd)
                .measure("clients-refused", refused).measure("clients-completed", completed));
    }
}
