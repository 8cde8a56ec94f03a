package io.shmward.server.core;

import io.shmward.server.fd.FdCloser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server-wide protocol state shared by all clients (libwayland's {@code wl_display}): globals, the
 * connected clients, the serial counter. Owned by the event-loop thread.
 */
public final class Display {
    private final Globals globals;
    private final Set<Client> clients = new LinkedHashSet<>();
    private final ProtocolTrace trace;
    private final CoreObserver observer;
    private final int maxObjectsPerClient;
    private final OffLoop offLoop;
    private final SharedBudget objectBudget;
    private int serial;

    /**
     * @param maxObjectsPerClient live objects one client may have
     * @param maxObjects          live objects all clients together may have
     */
    public Display(ProtocolTrace trace, CoreObserver observer, int maxObjectsPerClient, long maxObjects,
                   Map<String, Integer> globalVersionCaps, OffLoop offLoop) {
        this.offLoop = offLoop;
        this.objectBudget = new SharedBudget("object", maxObjects);
        this.globals = new Globals(globalVersionCaps);
        this.trace = trace;
        this.observer = observer;
        this.maxObjectsPerClient = maxObjectsPerClient;
    }

    public Globals globals() {
        return globals;
    }

    /**
     * A new client on {@code outbox}, whose fds close through {@code fds}; its {@code wl_display} object
     * exists from the start.
     */
    public Client connect(PeerCredentials credentials, Outbox outbox, FdCloser.Account fds) {
        Client client = new Client(this, credentials, outbox, fds);
        clients.add(client);
        observer.clientConnected(client);
        return client;
    }

    public List<Client> clients() {
        return new ArrayList<>(clients);
    }

    public int nextSerial() {
        return ++serial;
    }

    /** Live objects of all clients, against their server-wide budget. */
    public SharedBudget objectBudget() {
        return objectBudget;
    }

    OffLoop offLoop() {
        return offLoop;
    }

    ProtocolTrace trace() {
        return trace;
    }

    CoreObserver observer() {
        return observer;
    }

    int maxObjectsPerClient() {
        return maxObjectsPerClient;
    }

    void forget(Client client) {
        clients.remove(client);
    }
}
