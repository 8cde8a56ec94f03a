package io.shmward.server.shm;

import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.MessageSpec;
import io.shmward.protocol.spec.Protocol;
import io.shmward.server.core.Client;
import io.shmward.server.core.Globals;

/** The shm subsystem: registers the {@code wl_shm} global and holds what its objects share. */
public final class Shm {
    static final InterfaceSpec WL_SHM = Protocol.standard().get("wl_shm");
    static final InterfaceSpec WL_BUFFER = Protocol.standard().get("wl_buffer");
    static final MessageSpec SHM_FORMAT = WL_SHM.event("format");
    static final MessageSpec BUFFER_RELEASE = WL_BUFFER.event("release");
    /** wl_shm version 2 (release), the highest in the vendored wayland.xml. */
    static final int VERSION = 2;

    private final ShmSettings settings;
    private final ShmEvents events;
    private final ShmTotals totals;

    private Shm(ShmSettings settings, ShmEvents events) {
        this.settings = settings;
        this.events = events;
        this.totals = ShmTotals.of(settings.limits());
    }

    /** Registers {@code wl_shm} with {@code globals}. */
    public static Shm register(Globals globals, ShmSettings settings, ShmEvents events) {
        Shm shm = new Shm(settings, events);
        globals.add(WL_SHM, VERSION, (client, id, version) -> new ShmResource(shm, client, id, version));
        return shm;
    }

    ShmSettings settings() {
        return settings;
    }

    ShmEvents events() {
        return events;
    }

    ClientShmUsage usageOf(Client client) {
        return client.state(ClientShmUsage.class, () -> new ClientShmUsage(settings.limits(), totals));
    }

    ShmTotals totals() {
        return totals;
    }
}
