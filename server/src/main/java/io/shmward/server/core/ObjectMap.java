package io.shmward.server.core;

import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.wire.InterfaceType;
import io.shmward.protocol.wire.RequestTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * One client's objects, in the two id halves the protocol defines: ids 1..0xfeffffff are allocated by the
 * client, ids from 0xff000000 by the server. Ids are densely packed, as libwayland enforces: a client's new
 * id must be the next never-used id or one whose object is gone (and whose delete_id was sent).
 */
public final class ObjectMap implements RequestTargets {
    public static final int SERVER_ID_START = 0xff000000;
    /**
     * libwayland's WL_MAP_MAX_OBJECTS: ids past it are refused even where the protocol's client range goes
     * on, because the map keeps a slot for every id ever used and a client that never reuses ids would
     * otherwise grow it without bound.
     */
    private static final long MAX_CLIENT_ID = 0x00f00000L;

    private final List<Resource<?>> clientSide = new ArrayList<>();
    private final List<Resource<?>> serverSide = new ArrayList<>();
    private final IntConsumer liveChange;
    private int live;

    public ObjectMap() {
        this(delta -> { });
    }

    /** A map that tells {@code liveChange} of every object entered (+1) and removed (-1). */
    public ObjectMap(IntConsumer liveChange) {
        this.liveChange = liveChange;
    }

    public Resource<?> get(int id) {
        List<Resource<?>> half = half(id);
        int index = index(id);
        return index >= 0 && index < half.size() ? half.get(index) : null;
    }

    @Override
    public InterfaceSpec interfaceOf(int id) {
        Resource<?> r = get(id);
        return r == null ? null : r.spec();
    }

    @Override
    public InterfaceType<?> typeOf(int id) {
        Resource<?> r = get(id);
        return r == null ? null : r.type();
    }

    @Override
    public int versionOf(int id) {
        Resource<?> r = get(id);
        return r == null ? 0 : r.version();
    }

    /** True when a client may create an object under {@code id} now. */
    public boolean isValidNewClientId(int id) {
        if (id == 0 || Integer.toUnsignedLong(id) > MAX_CLIENT_ID) {
            return false;
        }
        int index = id - 1;
        return index == clientSide.size() || (index < clientSide.size() && clientSide.get(index) == null);
    }

    /** The next free server-side id. */
    public int allocateServerId() {
        int index = serverSide.indexOf(null);
        return SERVER_ID_START + (index >= 0 ? index : serverSide.size());
    }

    public int liveCount() {
        return live;
    }

    /** All live objects, in id order (client half first). */
    public List<Resource<?>> all() {
        List<Resource<?>> out = new ArrayList<>(live);
        for (Resource<?> r : clientSide) {
            if (r != null) {
                out.add(r);
            }
        }
        for (Resource<?> r : serverSide) {
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    void put(Resource<?> resource) {
        int id = resource.id();
        List<Resource<?>> half = half(id);
        int index = index(id);
        while (half.size() <= index) {
            half.add(null);
        }
        if (half.get(index) != null) {
            throw new IllegalStateException("id " + Integer.toUnsignedString(id) + " is in use by " + half.get(index));
        }
        half.set(index, resource);
        live++;
        liveChange.accept(1);
    }

    void remove(int id) {
        List<Resource<?>> half = half(id);
        int index = index(id);
        if (index < half.size() && half.get(index) != null) {
            half.set(index, null);
            live--;
            liveChange.accept(-1);
        }
    }

    static boolean isClientId(int id) {
        return Integer.compareUnsigned(id, SERVER_ID_START) < 0;
    }

    private List<Resource<?>> half(int id) {
        return isClientId(id) ? clientSide : serverSide;
    }

    private static int index(int id) {
        return isClientId(id) ? id - 1 : id - SERVER_ID_START;
    }
}
