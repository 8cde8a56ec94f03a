package io.shmward.server.core;

import io.shmward.protocol.spec.InterfaceSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The server's globals and the registries that must hear when one comes or goes. */
public final class Globals {
    private final Map<Integer, Global> byName = new LinkedHashMap<>();
    private final Set<RegistryResource> registries = new LinkedHashSet<>();
    private int nextName = 1;

    /** Registers a global and announces it to every registry already bound. */
    public Global add(InterfaceSpec spec, int version, Global.Binder binder) {
        if (version < 1 || version > spec.version()) {
            throw new IllegalArgumentException(spec.name() + " v" + version + " is outside the XML's 1.." + spec.version());
        }
        Global global = new Global(nextName++, spec, version, binder);
        byName.put(global.name(), global);
        for (RegistryResource r : List.copyOf(registries)) {
            r.announce(global);
        }
        return global;
    }

    public void remove(Global global) {
        if (byName.remove(global.name()) != null) {
            for (RegistryResource r : List.copyOf(registries)) {
                r.announceRemoval(global);
            }
        }
    }

    public Global get(int name) {
        return byName.get(name);
    }

    public Collection<Global> all() {
        return new ArrayList<>(byName.values());
    }

    void subscribe(RegistryResource registry) {
        registries.add(registry);
    }

    void unsubscribe(RegistryResource registry) {
        registries.remove(registry);
    }
}
