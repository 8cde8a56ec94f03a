package io.shmward.protocol.wire;

/** What the typed request decoder needs beyond {@link ObjectLookup}: each live object's generated type. */
public interface RequestTargets extends ObjectLookup {
    /** The generated type of live object {@code id}; only asked for ids {@link #interfaceOf} knows. */
    InterfaceType<?> typeOf(int id);
}
