package io.shmward.client.attack;

import java.io.IOException;

/** Brings a target that an attack killed back up; the catalogue then waits for its socket to answer. */
@FunctionalInterface
public interface Restarter {
    /** Starts the compositor again; returns once it is launched (not necessarily listening). */
    void restart() throws IOException;
}
