package io.shmward.server.core;

import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.MessageSpec;
import io.shmward.protocol.wire.InterfaceType;
import io.shmward.protocol.wire.Message;
import io.shmward.protocol.wire.WaylandRequest;

/**
 * A protocol object of one client: its id, interface and version, and the handler of its requests.
 * Subclasses validate and translate requests; resources they own (memory, fds) are released in
 * {@link #onDestroy()}, which runs exactly once, whether the client destroyed the object, the server did,
 * or the client went away.
 *
 * @param <R> the generated {@code Request} type of the interface, which {@link #onRequest} switches over
 */
public abstract class Resource<R extends WaylandRequest> {
    private final Client client;
    private final int id;
    private final InterfaceType<R> type;
    private final int version;
    private boolean destroyed;

    /** Creates the object and enters it into the client's map under {@code id}. */
    protected Resource(Client client, int id, InterfaceType<R> type, int version) {
        this.client = client;
        this.id = id;
        this.type = type;
        this.version = version;
        client.objects().put(this);
    }

    public final Client client() {
        return client;
    }

    public final int id() {
        return id;
    }

    public final InterfaceType<R> type() {
        return type;
    }

    public final InterfaceSpec spec() {
        return type.spec();
    }

    public final int version() {
        return version;
    }

    public final boolean isDestroyed() {
        return destroyed;
    }

    /**
     * Handles one request addressed to this object: an exhaustive {@code switch} over the records, with no
     * default. An fd in {@code request} that the handler does not {@linkplain io.shmward.os.Fd#take take} is
     * closed afterwards.
     */
    protected abstract void onRequest(R request) throws ProtocolError;

    /** The decoder made {@code request} from this object's type, so the cast cannot fail. */
    final void handle(WaylandRequest request) throws ProtocolError {
        onRequest(type.requestType().cast(request));
    }

    /** Releases what this object holds. Called once, on the event loop. */
    protected void onDestroy() {
    }

    /** Sends event {@code event} of this object, unless the object or its client is already gone. */
    protected final void send(MessageSpec event, Object... args) {
        if (!destroyed && event.since() <= version) {
            client.send(new Message(id, event, args));
        }
    }

    /**
     * Removes the object from its client's map, releases it and, for a client-allocated id, tells the
     * client the id is free again ({@code wl_display.delete_id}), as libwayland does.
     */
    public final void destroy() {
        if (destroyed) {
            return;
        }
        client.objects().remove(id);
        markDestroyed();
        client.announceDeletedId(id);
    }

    /** Runs {@link #onDestroy()} once; used by {@link #destroy()} and by client teardown. */
    final void markDestroyed() {
        if (!destroyed) {
            destroyed = true;
            onDestroy();
        }
    }

    @Override
    public String toString() {
        return type.name() + "#" + Integer.toUnsignedString(id);
    }
}
