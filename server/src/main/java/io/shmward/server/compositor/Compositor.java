package io.shmward.server.compositor;

import io.netty.channel.EventLoop;
import io.shmward.server.core.Client;
import io.shmward.server.core.Globals;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.SharedBudget;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The compositor subsystem: the {@code wl_compositor}, {@code wl_subcompositor} and {@code wl_output}
 * globals, the live surfaces, the virtual output and its frame clock.
 */
public final class Compositor implements AutoCloseable {
    /** wl_compositor version 6, the highest in the vendored wayland.xml, implemented whole. */
    static final int VERSION = 6;
    /** wl_subcompositor version 1, the only one. */
    static final int SUBCOMPOSITOR_VERSION = 1;

    private final Set<SurfaceResource> surfaces = new LinkedHashSet<>();
    private final List<CompositorEvents> listeners = new ArrayList<>();
    private final ConsumeTiming consumeTiming;
    private final FrameReads frameReads = new FrameReads();
    private final FrameClock frameClock;
    private final Output output;
    private final long contentBytesPerClient;
    private final SharedBudget totalContent;
    private long surfacesCreated;

    private Compositor(EventLoop loop, Globals globals, OutputMode mode, ConsumeTiming consumeTiming,
                       long contentBytesPerClient, long totalContentBytes) {
        this.consumeTiming = consumeTiming;
        this.frameClock = new FrameClock(loop, mode.refreshMilliHz(), frameReads);
        this.output = Output.register(globals, mode);
        this.contentBytesPerClient = contentBytesPerClient;
        this.totalContent = new SharedBudget("surface content byte", totalContentBytes);
    }

    /**
     * Registers the globals; frames tick on {@code loop} at the output's refresh rate; committed buffers are
     * read when {@code consumeTiming} says; each client's surfaces may hold up to {@code contentBytesPerClient}
     * bytes of content, and all clients' together up to {@code totalContentBytes}.
     */
    public static Compositor register(Globals globals, EventLoop loop, OutputMode mode, ConsumeTiming consumeTiming,
                                      long contentBytesPerClient, long totalContentBytes) {
        Compositor compositor = new Compositor(loop, globals, mode, consumeTiming, contentBytesPerClient,
                totalContentBytes);
        globals.add(CompositorProtocol.WL_COMPOSITOR, VERSION,
                (client, id, version) -> new CompositorResource(compositor, client, id, version));
        globals.add(CompositorProtocol.WL_SUBCOMPOSITOR, SUBCOMPOSITOR_VERSION, SubcompositorResource::new);
        return compositor;
    }

    /**
     * Counts {@code more} bytes of {@code client}'s surface content, or refuses them with no_memory when they
     * would pass the client's limit or the server-wide total.
     */
    void admitContent(Client client, long more) throws ProtocolError {
        totalContent.check(more);
        client.state(ContentBudget.class, ContentBudget::new).admit(contentBytesPerClient, more);
        totalContent.count(more);
    }

    void releaseContent(Client client, long fewer) {
        client.state(ContentBudget.class, ContentBudget::new).release(fewer);
        totalContent.release(fewer);
    }

    /** How {@code content}'s surface takes in the buffers it commits: read at the commit, or at the next frame. */
    BufferIntake intakeFor(SurfaceContent content) {
        return switch (consumeTiming) {
            case COMMIT -> (attached, buffer, damage) -> !attached || buffer == null || content.read(buffer, damage);
            case ON_FRAME -> new FrameIntake(content, frameReads, this);
        };
    }

    public FrameClock frameClock() {
        return frameClock;
    }

    public Output output() {
        return output;
    }

    /** Adds a listener of surface changes; call on the event loop. */
    public void listen(CompositorEvents listener) {
        listeners.add(listener);
    }

    /** The live surfaces, oldest first. */
    public List<SurfaceResource> surfaces() {
        return new ArrayList<>(surfaces);
    }

    /** Enters a new surface; returns its serial, unique in this server (object ids are only unique per client). */
    long surfaceCreated(SurfaceResource s) {
        surfaces.add(s);
        return ++surfacesCreated;
    }

    void surfaceCommitted(SurfaceResource s) {
        output.windowChanged(s.windowRoot());
        for (CompositorEvents l : listeners) {
            l.committed(s);
        }
    }

    void bufferReleasedUnread() {
        for (CompositorEvents l : listeners) {
            l.bufferReleasedUnread();
        }
    }

    void surfaceUnmapping(SurfaceResource s) {
        for (CompositorEvents l : listeners) {
            l.unmapping(s);
        }
    }

    void surfaceDestroying(SurfaceResource s) {
        surfaces.remove(s);
        output.surfaceDestroyed(s);
        for (CompositorEvents l : listeners) {
            l.surfaceDestroying(s);
        }
    }

    @Override
    public void close() {
        frameClock.close();
    }
}
