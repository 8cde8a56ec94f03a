package io.shmward.client;

import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.wire.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A proxy: one object of this client, the events it received, and an optional listener. */
public final class ClientObject {
    private final WaylandClient client;
    private final int id;
    private final InterfaceSpec spec;
    private final int version;
    private final List<Message> events = new ArrayList<>();
    private Consumer<Message> listener = m -> { };
    private boolean destroyed;

    ClientObject(WaylandClient client, int id, InterfaceSpec spec, int version) {
        this.client = client;
        this.id = id;
        this.spec = spec;
        this.version = version;
    }

    public int id() {
        return id;
    }

    public InterfaceSpec spec() {
        return spec;
    }

    public int version() {
        return version;
    }

    /** Sends request {@code name} with {@code args} (see {@link Message} for the Java type of each). */
    public void send(String name, Object... args) throws java.io.IOException {
        client.send(this, name, args);
    }

    /** Every event received so far, in order. */
    public List<Message> events() {
        return events;
    }

    /** The received events called {@code name}. */
    public List<Message> events(String name) {
        return events.stream().filter(m -> m.name().equals(name)).toList();
    }

    public ClientObject onEvent(Consumer<Message> newListener) {
        this.listener = newListener;
        return this;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    void deliver(Message event) {
        events.add(event);
        listener.accept(event);
        if (event.spec().destructor()) {
            destroyed = true;
        }
    }

    void markDestroyed() {
        destroyed = true;
    }

    @Override
    public String toString() {
        return spec.name() + "#" + Integer.toUnsignedString(id);
    }
}
