package io.shmward.server.admin;

import io.shmward.server.compositor.Compositor;
import io.shmward.server.compositor.Snapshot;
import io.shmward.server.compositor.SurfaceResource;
import io.shmward.server.compositor.xdg.ToplevelResource;
import io.shmward.server.compositor.xdg.XdgShell;
import io.shmward.server.core.Client;
import io.shmward.server.core.Display;
import io.shmward.server.core.PeerCredentials;
import io.shmward.server.core.Resource;
import io.shmward.server.png.PixelImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Reads protocol state for the admin endpoint. Every read runs on the protocol event loop (the only thread
 * allowed to touch clients and surfaces) and returns immutable copies through a future, so the admin
 * threads never wait on the loop nor see its objects.
 */
public final class ProtocolView {
    private final Display display;
    private final Compositor compositor;
    private final XdgShell shell;
    private final Executor protocolLoop;

    public ProtocolView(Display display, Compositor compositor, XdgShell shell, Executor protocolLoop) {
        this.display = display;
        this.compositor = compositor;
        this.shell = shell;
        this.protocolLoop = protocolLoop;
    }

    public CompletableFuture<List<ClientInfo>> clients() {
        return onLoop(() -> {
            List<ClientInfo> out = new ArrayList<>();
            for (Client c : display.clients()) {
                int pools = 0;
                int buffers = 0;
                int surfaces = 0;
                List<Resource<?>> objects = c.objects().all();
                for (Resource<?> r : objects) {
                    switch (r.spec().name()) {
                        case "wl_shm_pool" -> pools++;
                        case "wl_buffer" -> buffers++;
                        case "wl_surface" -> surfaces++;
                        default -> {
                        }
                    }
                }
                PeerCredentials who = c.credentials();
                out.add(new ClientInfo(who.pid(), who.uid(), who.command(), objects.size(), pools, buffers, surfaces,
                        c.errorsPosted()));
            }
            return out;
        });
    }

    public CompletableFuture<List<SurfaceInfo>> surfaces() {
        return onLoop(() -> compositor.surfaces().stream().map(this::describe).toList());
    }

    /** How many clients and surfaces are live. */
    public CompletableFuture<int[]> counts() {
        return onLoop(() -> new int[] {display.clients().size(), compositor.surfaces().size()});
    }

    /** The bytes of pixels the surface with serial {@code id} holds (0 when none). */
    public CompletableFuture<Long> snapshotSize(long id) {
        return onLoop(() -> shown(id).map(shot -> (long) shot.stride() * shot.height()).orElse(0L));
    }

    /**
     * A copy of the last committed content of the surface with serial {@code id}; empty if none. The loop
     * only finds and pins the snapshot; the copy (up to a GiB) is made on {@code copier}, never on the loop.
     */
    public CompletableFuture<Optional<PixelImage>> snapshot(long id, Executor copier) {
        return onLoop(() -> shown(id).map(shot -> {
                    shot.pin();
                    return shot;
                }))
                .thenApplyAsync(found -> found.map(shot -> {
                    try {
                        return PixelImage.of(shot);
                    } finally {
                        protocolLoop.execute(shot::unpin);
                    }
                }), copier);
    }

    /** The snapshot of the surface with serial {@code id}, if it has shown anything; on the loop. */
    private Optional<Snapshot> shown(long id) {
        return compositor.surfaces().stream()
                .filter(s -> s.serial() == id && s.snapshot() != null)
                .findFirst()
                .map(SurfaceResource::snapshot);
    }

    private SurfaceInfo describe(SurfaceResource s) {
        PeerCredentials who = s.client().credentials();
        Snapshot shot = s.snapshot();
        ToplevelResource toplevel = shell.toplevelOf(s);
        return new SurfaceInfo(s.serial(), new SurfaceInfo.ClientRef(who.pid(), who.command()), s.id(), s.roleName(),
                toplevel == null ? null : toplevel.title(), toplevel == null ? null : toplevel.appId(),
                shot == null ? null : shot.width(), shot == null ? null : shot.height(),
                shot == null ? null : shot.stride(), shot == null ? null : shot.format().name(),
                s.commits(), s.hasContent());
    }

    private <T> CompletableFuture<T> onLoop(Supplier<T> read) {
        return CompletableFuture.supplyAsync(read, protocolLoop);
    }
}
