package io.shmward.protocol.wire;

import io.shmward.protocol.spec.InterfaceSpec;

/** What the decoder needs to know about the receiver's live objects. */
public interface ObjectLookup {
    /** The interface of live object {@code id}, or null when no such object exists. */
    InterfaceSpec interfaceOf(int id);

    /** The version object {@code id} was created with; only asked for ids {@link #interfaceOf} knows. */
    int versionOf(int id);
}
