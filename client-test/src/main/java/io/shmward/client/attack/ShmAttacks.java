package io.shmward.client.attack;

import static io.shmward.client.attack.Expectation.invalidFdOrServed;
import static io.shmward.client.attack.Expectation.shmError;
import static io.shmward.client.attack.Expectation.shmErrorOrServed;

import io.shmward.client.ClientObject;
import io.shmward.client.MemFile;
import io.shmward.client.ShmScene;
import io.shmward.client.VisibleSurface;
import io.shmward.client.WaylandClient;
import io.shmward.os.Errno;
import io.shmward.os.Libc;
import io.shmward.os.OsException;
import io.shmward.protocol.spec.Protocol;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.newsclub.net.unix.AFPipe;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketPair;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * Attacks on wl_shm: files that shrink under the compositor, sizes that lie, parameters the protocol
 * forbids, fds that cannot be mapped, and claims on memory without end.
 */
final class ShmAttacks {
    /** The buffer of Weston's bad-buffer test: 200x200 ARGB8888. */
    private static final int W = 200;
    private static final int H = 200;
    private static final int STRIDE = W * 4;
    private static final int SIZE = STRIDE * H;
    private static final int PAGE = 4096;
    /** The largest pool a single create_pool or resize can claim: its size is an int. */
    private static final int MAX_POOL = Integer.MAX_VALUE;
    /** 512 pools of 2 GiB - 1 claim 1 TiB - 512 bytes. */
    private static final int TERABYTE_POOLS = 512;
    private static final int O_DIRECTORY = 0200000;
    private static final int COPIES_SURFACES = 8;
    private static final long COPIES_GROWTH_BOUND_KIB = 4L << 20;
    private static final Duration COPIES_ANSWER = Duration.ofSeconds(60);

    private static final String TRUNCATION_BASIS = "wl_shm.create_pool: the compositor mmaps the client's fd, and reading "
            + "a mapping past the file's end faults. libwayland (wayland-shm.c wl_shm_buffer_end_access) answers with "
            + "wl_shm.error.invalid_fd \"error accessing SHM buffer\" on the wl_buffer, as Weston's bad-buffer test and WLCS "
            + "test_truncated_shm_file expect; wlroots maps zeros over the hole and serves on, the MAP_NOSIGBUS semantics "
            + "(LKML 2021). Either way no client may crash the compositor.";
    private static final String STRIDE_BASIS = "wl_shm.error.invalid_stride: \"invalid size or stride during pool or "
            + "buffer creation\"; libwayland shm_pool_create_buffer refuses offset < 0, width or height <= 0, "
            + "stride < width, INT32_MAX / stride < height and offset > size - stride * height with it.";

    private ShmAttacks() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.add(new Scenario("shm.truncate-after-commit",
                "a buffer is shown, then its unsealed memfd is cut to 12 bytes and the buffer shown again",
                invalidFdOrServed(TRUNCATION_BASIS), ShmAttacks::truncateAfterCommit));
        all.add(new Scenario("shm.truncate-before-first-commit",
                "Weston's bad-buffer test: pool destroyed, file cut to 12 bytes, then the buffer's first commit",
                invalidFdOrServed(TRUNCATION_BASIS), ShmAttacks::truncateBeforeFirstCommit));
        all.add(new Scenario("shm.truncate-racing-commits",
                "a thread flips the file between 0 and full size while the buffer is committed again and again",
                invalidFdOrServed(TRUNCATION_BASIS), ShmAttacks::truncateRacingCommits));
        all.add(new Scenario("shm.pool-larger-than-file",
                "create_pool claims 160000 bytes of a 4096-byte file; a buffer over the whole pool is shown",
                invalidFdOrServed(TRUNCATION_BASIS + " Hyprland checks the size with fstat at create_pool instead "
                        + "(hyprwm/Hyprland#8572), a check the client can race."),
                ShmAttacks::poolLargerThanFile));
        all.add(new Scenario("shm.resize-beyond-file",
                "a 4096-byte pool is resized to 160000 bytes without growing the file; a buffer there is shown",
                invalidFdOrServed(TRUNCATION_BASIS), ShmAttacks::resizeBeyondFile));
        all.add(new Scenario("shm.shrink-pool", "wl_shm_pool.resize to half the pool's size",
                shmError("wl_shm_pool.resize: \"This request can only be used to make the pool bigger.\" libwayland "
                        + "answers wl_shm.error.invalid_fd \"shrinking pool invalid\", wlroots invalid_stride.",
                        "invalid_fd", "invalid_stride"),
                ShmAttacks::shrinkPool));
        all.addAll(invalidBuffers());
        all.add(new Scenario("shm.format-unknown", "create_buffer with format 0xdeadbeef, no format at all",
                shmError("wl_shm.error.invalid_format: \"buffer format is not known\"; libwayland checks the format "
                        + "against those it advertised (format_is_supported); WLCS create_buffer_with_unknown_format.",
                        "invalid_format"),
                ctx -> createBuffer(ctx, 0, W, H, STRIDE, 0xdeadbeef)));
        all.add(new Scenario("shm.format-not-advertised", "create_buffer with a real format the compositor did not advertise",
                shmError("wl_shm.format: \"the compositor ... advertises the formats it supports\"; libwayland "
                        + "shm_pool_create_buffer refuses others with wl_shm.error.invalid_format.", "invalid_format"),
                ShmAttacks::formatNotAdvertised));
        all.addAll(unmappableFds());
        all.add(new Scenario("shm.pool-size-zero", "create_pool with size 0",
                shmError(STRIDE_BASIS + " shm_create_pool refuses size <= 0 with invalid_stride \"invalid size\".",
                        "invalid_stride"),
                ctx -> createPool(ctx, 0)));
        all.add(new Scenario("shm.pool-size-negative", "create_pool with size -4096",
                shmError(STRIDE_BASIS + " WLCS create_pool_with_negative_size_is_an_error expects invalid_stride.",
                        "invalid_stride"),
                ctx -> createPool(ctx, -PAGE)));
        all.add(new Scenario("shm.claim-terabyte-pools",
                "512 pools of 2 GiB - 1 each on a sparse memfd: a 1 TiB claim",
                Expectation.bounded("refused at a per-client bound (wl_display.error.no_memory, a wl_shm error) or "
                        + "disconnected, before the claim reaches 1 TiB",
                        "A pool's size is the client's word; a compositor that maps or reserves every claim lets one "
                        + "client take its address space and memory. Shmward bounds the sum per client (4 GiB by "
                        + "default, wl_display.error.no_memory past it)."),
                ShmAttacks::claimTerabyteWithPools));
        all.add(new Scenario("shm.claim-terabyte-resizes",
                "512 pools of 4096 bytes, each then resized to 2 GiB - 1: a 1 TiB claim made by resize",
                Expectation.bounded("refused at a per-client bound or disconnected, before the claim reaches 1 TiB",
                        "As shm.claim-terabyte-pools: resize must count against the same bound as create_pool "
                        + "(Hyprland#8570 crashed on a size claimed at resize)."),
                ShmAttacks::claimTerabyteWithResizes));
        all.add(new Scenario("shm.thousand-pools", "1,000 pools on one client, then a buffer of the last one shown",
                new Expectation("served, or refused at a stated per-client bound (wl_display.error.no_memory)",
                        "Nothing in wl_shm limits the pools of a client; 1,000 is many but harmless when each costs the "
                        + "compositor one fd and a small mapping. A compositor may bound them, with no_memory.",
                        o -> o.outcome() == Outcome.SERVED || o.outcome() == Outcome.PROTOCOL_ERROR
                                && o.error().objectId() == 1
                                && o.error().code() == Protocol.standard().get("wl_display").errorCode("no_memory")),
                ShmAttacks::thousandPools));
        all.add(new Scenario("shm.sealed-truncate-refused",
                "a memfd sealed with F_SEAL_SHRINK is shown, cut to 12 bytes (the kernel must refuse: EPERM), shown again",
                Expectation.served("ftruncate fails client-side with EPERM and the client is served on",
                        "memfd_create(2): F_SEAL_SHRINK \"the file in question cannot be reduced in size\"; libwayland "
                        + "(sigbus_is_impossible) and Shmward read such files through a plain mapping because of it."),
                ShmAttacks::sealedTruncateRefused));
        all.add(new Scenario("shm.sealed-resize-past-file",
                "a shrink-sealed 4096-byte memfd's pool is resized to 160000 bytes and a buffer there is shown",
                invalidFdOrServed("libwayland decides at create_pool that a shrink-sealed file covering the pool "
                        + "cannot fault (sigbus_is_impossible, wayland-shm.c) and never looks again: after a resize past "
                        + "the file's end it reads the hole with no SIGBUS handler. The seal protects the pool's old size "
                        + "only. " + TRUNCATION_BASIS),
                ShmAttacks::sealedResizePastFile));
        all.add(new Scenario("shm.content-copies-flood",
                "one 1 GiB buffer (16384x16384 over a sealed memfd never written, so it costs the client nothing) "
                        + "shown on " + COPIES_SURFACES + " surfaces",
                new Expectation("refused (wl_display.error.no_memory) or disconnected; or served, with the compositor "
                        + "grown by less than 4 GiB (checked when its pid is known)",
                        "A compositor that keeps its own copy of each surface's content (a texture, a snapshot) pays "
                                + "for every surface that shows the buffer, while the client pays for none of it: "
                                + "without a per-client bound one client exhausts the compositor's memory.",
                        ShmAttacks::copiesBounded),
                ShmAttacks::contentCopiesFlood));
        all.add(new Scenario("shm.big-buffer-commit-storm",
                "100 commits of a 4096x4096 buffer (64 MiB) sent back to back while a bystander round-trips every 20 ms",
                Expectation.outcomes("the attacker served, throttled or disconnected",
                                "A commit asks the compositor to read a buffer; a client can ask for that far faster than "
                                + "any output shows it. One client's work must not starve another (the same rule as "
                                + "wire.request-storm): a compositor reads at most what it presents, or reads in turns.",
                                Outcome.SERVED, Outcome.THROTTLED, Outcome.DISCONNECTED, Outcome.PROTOCOL_ERROR)
                        .and(BystanderProbe.EXPECTATION, BystanderProbe::keptUp),
                ShmAttacks::bigBufferCommitStorm));
        return all;
    }

    private static Observation truncateAfterCommit(AttackContext ctx) throws Exception {
        Shown shown = Shown.create(ctx, ctx.memfd(SIZE), SIZE);
        Observation first = ctx.settleAfterFrame(shown.client(), shown.show());
        if (first.outcome() != Outcome.SERVED) {
            throw new PremiseFailed("the intact buffer was not served: " + first.summary());
        }
        shown.file.truncate(12);
        return ctx.settleAfterFrame(shown.client(), shown.show()).note("file cut to 12 bytes after the first commit");
    }

    private static Observation truncateBeforeFirstCommit(AttackContext ctx) throws Exception {
        Shown shown = Shown.create(ctx, ctx.memfd(SIZE), SIZE);
        shown.pool.send("destroy");
        shown.file.truncate(12);
        return ctx.settleAfterFrame(shown.client(), shown.show()).note("pool destroyed, file cut to 12 bytes");
    }

    private static Observation truncateRacingCommits(AttackContext ctx) throws Exception {
        Shown shown = Shown.create(ctx, ctx.memfd(SIZE), SIZE);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong flips = new AtomicLong();
        Thread flipper = Thread.ofPlatform().daemon().name("truncation-flipper").start(() -> {
            try {
                while (!stop.get()) {
                    shown.file.truncate(0);
                    shown.file.truncate(SIZE);
                    flips.incrementAndGet();
                }
            } catch (OsException e) {
                // the file was closed under us: the scenario is over
            }
        });
        int commits = 0;
        long deadline = System.nanoTime() + 2_000_000_000L;
        try {
            while (System.nanoTime() < deadline) {
                shown.show();
                if (++commits % 25 == 0) {
                    shown.client().roundtrip(AttackContext.ANSWER);
                }
            }
        } catch (IOException e) {
            // the compositor reacted; settle says how
        } finally {
            stop.set(true);
            flipper.join();
        }
        return ctx.settle(shown.client()).note(commits + " commits while the file flipped " + flips.get()
                + " times between 0 and " + SIZE + " bytes").measure("commits", commits);
    }

    private static Observation poolLargerThanFile(AttackContext ctx) throws Exception {
        Shown shown = Shown.create(ctx, ctx.memfd(PAGE), SIZE);
        return ctx.settleAfterFrame(shown.client(), shown.show()).note("pool of " + SIZE + " bytes on a " + PAGE + "-byte file");
    }

    private static Observation resizeBeyondFile(AttackContext ctx) throws Exception {
        ShmScene scene = ctx.scene();
        VisibleSurface surface = ctx.surface(scene);
        MemFile file = ctx.memfd(PAGE);
        ClientObject pool = scene.createPool(file.fd(), PAGE);
        pool.send("resize", SIZE);
        ClientObject buffer = scene.createBuffer(pool, 0, W, H, STRIDE, ShmScene.ARGB8888);
        return ctx.settleAfterFrame(scene.client(), surface.show(buffer, W, H))
                .note("pool resized from " + PAGE + " to " + SIZE + " bytes, file left at " + PAGE);
    }

    private static Observation shrinkPool(AttackContext ctx) throws Exception {
        ShmScene scene = ctx.scene();
        MemFile file = ctx.memfd(2 * PAGE);
        ClientObject pool = scene.createPool(file.fd(), 2 * PAGE);
        pool.send("resize", PAGE);
        return ctx.settle(scene.client());
    }

    /** Every create_buffer parameter the protocol (or a reference test suite) forbids, one scenario each. */
    private static List<Scenario> invalidBuffers() {
        Expectation invalidStride = shmError(STRIDE_BASIS, "invalid_stride");
        return List.of(
                invalidBuffer("negative-offset", "offset -4", invalidStride, -4, W, H, STRIDE),
                invalidBuffer("zero-width", "width 0", invalidStride, 0, 0, H, STRIDE),
                invalidBuffer("negative-width", "width -200", invalidStride, 0, -W, H, STRIDE),
                invalidBuffer("zero-height", "height 0", invalidStride, 0, W, 0, STRIDE),
                invalidBuffer("negative-height", "height -200", invalidStride, 0, W, -H, STRIDE),
                invalidBuffer("negative-stride", "stride -800", invalidStride, 0, W, H, -STRIDE),
                invalidBuffer("stride-below-row", "stride 200 for 200 ARGB8888 pixels (800 bytes a row)",
                        shmError(STRIDE_BASIS + " libwayland compares the stride with the width in pixels, not bytes; "
                                + "WLCS client_lies_about_buffer_size expects invalid_stride here, and wlroots "
                                + "(pixel_format_info_check_stride) and Smithay refuse it.", "invalid_stride"),
                        0, W, H, W),
                invalidBuffer("stride-not-whole-pixels", "stride 802 for ARGB8888 (not a multiple of 4 bytes)",
                        shmErrorOrServed("invalid_stride", "The protocol does not say a stride must hold whole pixels; "
                                + "wlroots and Smithay refuse it with invalid_stride, libwayland accepts it. Both are sound "
                                + "while the buffer stays inside the pool."),
                        0, W, H - 1, STRIDE + 2),
                invalidBuffer("past-pool-end", "a 200x200 buffer at offset 4 in a pool of exactly 200x200x4 bytes",
                        invalidStride, 4, W, H, STRIDE),
                invalidBuffer("size-overflows-int32", "stride 65536 x height 65536 = 2^32, which wraps to 0 in 32 bits",
                        invalidStride, 0, 16384, 65536, 65536),
                invalidBuffer("offset-wraps-int32", "offset 2^31 - 16 plus 16 bytes of buffer: past INT32_MAX",
                        invalidStride, Integer.MAX_VALUE - 15, 2, 2, 8));
    }

    private static Scenario invalidBuffer(String name, String what, Expectation expected,
                                          int offset, int width, int height, int stride) {
        return new Scenario("shm.buffer-" + name, "create_buffer with " + what, expected,
                ctx -> createBuffer(ctx, offset, width, height, stride, ShmScene.ARGB8888));
    }

    private static Observation createBuffer(AttackContext ctx, int offset, int width, int height, int stride, int format)
            throws IOException {
        ShmScene scene = ctx.scene();
        MemFile file = ctx.memfd(SIZE);
        ClientObject pool = scene.createPool(file.fd(), SIZE);
        scene.createBuffer(pool, offset, width, height, stride, format);
        return ctx.settle(scene.client());
    }

    private static Observation formatNotAdvertised(AttackContext ctx) throws Exception {
        ShmScene scene = ctx.scene();
        List<Integer> advertised = scene.formats();
        long format = Protocol.standard().get("wl_shm").enumeration("format").entries().values().stream()
                .filter(code -> !advertised.contains((int) (long) code)).findFirst()
                .orElseThrow(() -> new PremiseFailed("the compositor advertises every format there is"));
        MemFile file = ctx.memfd(SIZE);
        ClientObject pool = scene.createPool(file.fd(), SIZE);
        scene.createBuffer(pool, 0, W, H, STRIDE, (int) format);
        return ctx.settle(scene.client()).note("format 0x" + Long.toHexString(format));
    }

    private static List<Scenario> unmappableFds() {
        Expectation invalidFd = shmError("wl_shm.error.invalid_fd: \"mmapping the file descriptor failed\"; "
                + "libwayland shm_create_pool mmaps the fd and answers invalid_fd when that fails (WLCS "
                + "create_pool_with_invalid_fd_is_an_error uses a pipe).", "invalid_fd");
        return List.of(
                new Scenario("shm.fd-pipe", "create_pool with the read end of a pipe", invalidFd, ctx -> {
                    AFPipe pipe = ctx.track(AFPipe.open());
                    return createPoolFrom(ctx, FileDescriptorCast.using(pipe.source().getFileDescriptor()).as(Integer.class));
                }),
                new Scenario("shm.fd-socket", "create_pool with a Unix socket", invalidFd, ctx -> {
                    AFUNIXSocketPair<AFUNIXSocketChannel> pair = ctx.track(AFUNIXSocketPair.open());
                    return createPoolFrom(ctx, FileDescriptorCast.using(pair.getFirst().getFileDescriptor()).as(Integer.class));
                }),
                new Scenario("shm.fd-directory", "create_pool with a directory", invalidFd,
                        ctx -> createPoolFrom(ctx, ownedFd(ctx, Libc.open(System.getProperty("java.io.tmpdir"),
                                Libc.O_RDONLY | O_DIRECTORY | Libc.O_CLOEXEC, 0)))),
                new Scenario("shm.fd-dev-null", "create_pool with /dev/null", invalidFd,
                        ctx -> createPoolFrom(ctx, ownedFd(ctx, Libc.open("/dev/null", Libc.O_RDWR | Libc.O_CLOEXEC, 0)))));
    }

    private static int ownedFd(AttackContext ctx, int fd) {
        ctx.track(() -> Libc.closeQuietly(fd));
        return fd;
    }

    private static Observation createPoolFrom(AttackContext ctx, int fd) throws IOException {
        ShmScene scene = ctx.scene();
        scene.createPool(fd, PAGE);
        return ctx.settle(scene.client());
    }

    private static Observation createPool(AttackContext ctx, int size) throws IOException {
        ShmScene scene = ctx.scene();
        scene.createPool(ctx.memfd(PAGE).fd(), size);
        return ctx.settle(scene.client());
    }

    private static Observation claimTerabyteWithPools(AttackContext ctx) throws Exception {
        ShmScene scene = ctx.scene();
        MemFile file = ctx.memfd(MAX_POOL);
        var before = ctx.target().virtualKiB();
        int sent = 0;
        try {
            for (; sent < TERABYTE_POOLS; sent++) {
                scene.createPool(file.fd(), MAX_POOL);
            }
        } catch (IOException e) {
            // refused and closed: settle reads the error
        }
        Observation o = ctx.settle(scene.client());
        return AttackContext.withDelta(o.measure("pools-sent", sent), "target-virtual-kib", before, ctx.target().virtualKiB());
    }

    private static Observation claimTerabyteWithResizes(AttackContext ctx) throws Exception {
        ShmScene scene = ctx.scene();
        MemFile file = ctx.memfd(MAX_POOL);
        var before = ctx.target().virtualKiB();
        int resized = 0;
        try {
            List<ClientObject> pools = new ArrayList<>();
            for (int i = 0; i < TERABYTE_POOLS; i++) {
                pools.add(scene.createPool(file.fd(), PAGE));
            }
            scene.client().roundtrip(AttackContext.ANSWER);
            for (ClientObject pool : pools) {
                pool.send("resize", MAX_POOL);
                resized++;
            }
        } catch (IOException e) {
            // refused and closed: settle reads the error
        }
        Observation o = ctx.settle(scene.client());
        return AttackContext.withDelta(o.measure("resizes-sent", resized), "target-virtual-kib", before, ctx.target().virtualKiB());
    }

    private static Observation thousandPools(AttackContext ctx) throws Exception {
        ShmScene scene = ctx.scene();
        VisibleSurface surface = ctx.surface(scene);
        MemFile file = ctx.memfd(PAGE);
        file.fillPixels(0, PAGE, 0xff00ff00);
        ClientObject last = null;
        try {
            for (int i = 0; i < 1000; i++) {
                last = scene.createPool(file.fd(), PAGE);
            }
            ClientObject buffer = scene.createBuffer(last, 0, 32, 32, 128, ShmScene.ARGB8888);
            return ctx.settleAfterFrame(scene.client(), surface.show(buffer, 32, 32));
        } catch (IOException e) {
            return ctx.settle(scene.client());
        }
    }

    private static Observation sealedTruncateRefused(AttackContext ctx) throws Exception {
        Shown shown = Shown.create(ctx, ctx.sealedMemfd(SIZE), SIZE);
        Observation first = ctx.settleAfterFrame(shown.client(), shown.show());
        if (first.outcome() != Outcome.SERVED) {
            throw new PremiseFailed("the intact sealed buffer was not served: " + first.summary());
        }
        try {
            shown.file.truncate(12);
        } catch (OsException e) {
            if (e.errno() != Errno.EPERM) {
                throw new PremiseFailed("ftruncate of a shrink-sealed memfd failed with errno " + e.errno() + ", not EPERM");
            }
            return ctx.settleAfterFrame(shown.client(), shown.show()).note("ftruncate refused client-side: EPERM");
        }
        throw new PremiseFailed("the kernel let a F_SEAL_SHRINK memfd shrink");
    }

    private static Observation sealedResizePastFile(AttackContext ctx) throws Exception {
        ShmScene scene = ctx.scene();
        VisibleSurface surface = ctx.surface(scene);
        MemFile file = ctx.sealedMemfd(PAGE);
        ClientObject pool = scene.createPool(file.fd(), PAGE);
        scene.client().roundtrip(AttackContext.ANSWER);
        pool.send("resize", SIZE);
        ClientObject buffer = scene.createBuffer(pool, 0, W, H, STRIDE, ShmScene.ARGB8888);
        return ctx.settleAfterFrame(scene.client(), surface.show(buffer, W, H))
                .note("sealed " + PAGE + "-byte file, pool resized to " + SIZE);
    }

    private static Observation contentCopiesFlood(AttackContext ctx) throws Exception {
        ShmScene scene = ctx.scene();
        int side = 16384;
        long bytes = (long) side * side * 4;
        MemFile file = ctx.sealedMemfd(bytes);
        ClientObject pool = scene.createPool(file.fd(), Math.toIntExact(bytes));
        ClientObject buffer = scene.createBuffer(pool, 0, side, side, side * 4, ShmScene.ARGB8888);
        OptionalLong before = ctx.target().residentKiB();
        int shown = 0;
        Observation o;
        try {
            for (; shown < COPIES_SURFACES; shown++) {
                ctx.surface(scene).show(buffer, side, side);
                // copying 1 GiB, and the first read of a never-written memfd making its pages, take seconds
                scene.client().roundtrip(COPIES_ANSWER);
            }
            o = ctx.settle(scene.client());
        } catch (IOException e) {
            o = ctx.settle(scene.client());
        }
        return AttackContext.withDelta(o.measure("surfaces-shown", shown), "target-resident-kib", before,
                ctx.target().residentKiB());
    }

    private static boolean copiesBounded(Observation o) {
        if (o.outcome() == Outcome.PROTOCOL_ERROR || o.outcome() == Outcome.DISCONNECTED) {
            return true;
        }
        Long growth = o.measured("target-resident-kib");
        return o.outcome() == Outcome.SERVED && (growth == null || growth < COPIES_GROWTH_BOUND_KIB);
    }

    private static Observation bigBufferCommitStorm(AttackContext ctx) throws Exception {
        ShmScene scene = ctx.scene();
        VisibleSurface surface = ctx.surface(scene);
        int side = 4096;
        MemFile file = ctx.sealedMemfd((long) side * side * 4);
        ClientObject pool = scene.createPool(file.fd(), side * side * 4);
        ClientObject buffer = scene.createBuffer(pool, 0, side, side, side * 4, ShmScene.ARGB8888);
        ctx.settleAfterFrame(scene.client(), surface.show(buffer, side, side));
        BystanderProbe probe = new BystanderProbe(ctx);
        int commits = 0;
        Observation o;
        try {
            for (; commits < 100; commits++) {
                surface.show(buffer, side, side);
            }
            o = ctx.settle(scene.client());
        } catch (IOException e) {
            o = ctx.settle(scene.client());
        }
        return probe.stopAndReport(o.measure("commits", commits));
    }

    /** A visible surface and a 200x200 buffer over a pool of {@code poolSize} bytes of {@code file}. */
    private record Shown(VisibleSurface surface, MemFile file, ClientObject pool, ClientObject buffer) {
        static Shown create(AttackContext ctx, MemFile file, int poolSize) throws IOException {
            ShmScene scene = ctx.scene();
            VisibleSurface surface = ctx.surface(scene);
            file.fillPixels(0, Math.min(file.size(), SIZE), 0xff336699);
            ClientObject pool = scene.createPool(file.fd(), poolSize);
            ClientObject buffer = scene.createBuffer(pool, 0, W, H, STRIDE, ShmScene.ARGB8888);
            return new Shown(surface, file, pool, buffer);
        }

        WaylandClient client() {
            return surface.scene().client();
        }

        /** Shows the buffer; returns the frame callback. */
        ClientObject show() throws IOException {
            return surface.show(buffer, W, H);
        }
    }
}
