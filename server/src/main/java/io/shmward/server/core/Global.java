package io.shmward.server.core;

import io.shmward.protocol.spec.InterfaceSpec;

/**
 * A global the registry advertises. The subsystem that owns the interface registers it with a binder that
 * creates the client's resource.
 *
 * @param name    the registry's numeric name for it
 * @param version the highest version this server implements (at most the XML's)
 */
public record Global(int name, InterfaceSpec spec, int version, Binder binder) {

    /** Creates the resource for a successful {@code wl_registry.bind}. */
    @FunctionalInterface
    public interface Binder {
        void bind(Client client, int id, int version) throws ProtocolError;
    }
}
