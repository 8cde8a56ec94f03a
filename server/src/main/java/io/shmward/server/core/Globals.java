package io.shmward.server.core;

import io.shmward.protocol.spec.InterfaceSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server's globals and the registries that must hear when one comes or goes. The configuration may cap
 * the version a global is advertised at, or hide it (version 0): to test a client against an older
 * compositor, or to run one that binds whatever version it is offered and then meets events it has no
 * handler for.
 */
public final class Globals {
    private final Map<Integer, Global> byName = new LinkedHashMap<>();
    private final Set<RegistryResource> registries = new LinkedHashSet<>();
    private final Map<String, Integer> versionCaps;
    private final Set<String> capsApplied = new LinkedHashSet<>();
    private int nextName = 1;

    /** Globals whose advertised versions {@code versionCaps} caps, by interface name (0 hides one). */
    public Globals(Map<String, Integer> versionCaps) {
        this.versionCaps = Map.copyOf(versionCaps);
        versionCaps.forEach((name, cap) -> {
            if (cap == null || cap < 0) {
                throw new IllegalArgumentException("globals: " + name + " needs a version of 0 (hidden) or more");
            }
        });
    }

    /**
     * Registers a global that implements up to {@code version}, at that version or its configured cap, and
     * announces it to every registry already bound; a global configured as hidden is not registered.
     */
    public void add(InterfaceSpec spec, int version, Global.Binder binder) {
        if (version < 1 || version > spec.version()) {
            throw new IllegalArgumentException(spec.name() + " v" + version + " is outside the XML's 1.." + spec.version());
        }
        Integer cap = versionCaps.get(spec.name());
        if (cap != null) {
            if (cap > version) {
                throw new IllegalArgumentException("globals: " + spec.name() + " " + cap + " is above the version "
                        + "Shmward implements, " + version);
            }
            capsApplied.add(spec.name());
            if (cap == 0) {
                return;
            }
            version = cap;
        }
        Global global = new Global(nextName++, spec, version, binder);
        byName.put(global.name(), global);
        for (RegistryResource r : List.copyOf(registries)) {
            r.announce(global);
        }
    }

    /** Throws when a configured cap named no global this server registers (a typo would otherwise pass). */
    public void checkEveryCapApplied() {
        Set<String> unknown = new LinkedHashSet<>(versionCaps.keySet());
        unknown.removeAll(capsApplied);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("globals: Shmward offers no global named " + String.join(", ", unknown));
        }
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
