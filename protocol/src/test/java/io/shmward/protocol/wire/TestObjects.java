package io.shmward.protocol.wire;

import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.Protocol;
import java.util.HashMap;
import java.util.Map;

/** A mutable {@link RequestTargets} for tests: ids mapped to interfaces of {@link Protocol#standard()}. */
final class TestObjects implements RequestTargets {
    /** The generated types of every interface, by name. */
    private static final Map<String, InterfaceType<?>> TYPES = new HashMap<>();

    static {
        for (InterfaceType<?> t : io.shmward.protocol.wayland.Interfaces.ALL) {
            TYPES.put(t.name(), t);
        }
        for (InterfaceType<?> t : io.shmward.protocol.xdgshell.Interfaces.ALL) {
            TYPES.put(t.name(), t);
        }
    }

    private final Map<Integer, InterfaceSpec> interfaces = new HashMap<>();
    private final Map<Integer, Integer> versions = new HashMap<>();

    TestObjects with(int id, String interfaceName, int version) {
        interfaces.put(id, Protocol.standard().get(interfaceName));
        versions.put(id, version);
        return this;
    }

    /** The objects of the brief: 1 wl_display v1, 2 wl_registry v1, 3 wl_shm v2, 4 wl_shm_pool v2, 5 wl_surface v6, 6 xdg_toplevel v6. */
    static TestObjects standardSet() {
        return new TestObjects()
                .with(1, "wl_display", 1)
                .with(2, "wl_registry", 1)
                .with(3, "wl_shm", 2)
                .with(4, "wl_shm_pool", 2)
                .with(5, "wl_surface", 6)
                .with(6, "xdg_toplevel", 6);
    }

    @Override
    public InterfaceSpec interfaceOf(int id) {
        return interfaces.get(id);
    }

    @Override
    public InterfaceType<?> typeOf(int id) {
        return TYPES.get(interfaces.get(id).name());
    }

    @Override
    public int versionOf(int id) {
        Integer v = versions.get(id);
        if (v == null) {
            throw new AssertionError("decoder asked the version of unknown object " + id);
        }
        return v;
    }
}
