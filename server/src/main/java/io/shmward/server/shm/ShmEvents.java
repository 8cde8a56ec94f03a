package io.shmward.server.shm;

/** What the shm subsystem reports as it runs; the metrics listen. Every method is called on the event loop. */
public interface ShmEvents {
    /** A pool's memory was opened; {@code sealed}: its file carries F_SEAL_SHRINK. */
    default void poolOpened(boolean sealed) {
    }

    /** A pool's memory was released: its fd closed. */
    default void poolClosed() {
    }

    default void mapped(long bytes) {
    }

    default void unmapped(long bytes) {
    }

    /**
     * A pool grew.
     *
     * @param remapped it is (still) on the mapped path at its new size
     * @param demoted  it was mapped and now reads by pread, its file no longer covering it
     */
    default void resized(boolean remapped, boolean demoted) {
    }

    default void bufferCreated() {
    }

    default void bufferDestroyed() {
    }

    /** Bytes of buffer contents copied out for a consumer. */
    default void consumed(long bytes, long nanos) {
    }

    /**
     * A read found bytes missing.
     *
     * @param failure    truncation or I/O error
     * @param reaction   what the server did about it
     * @param zeroFilled bytes handed out as zeros
     * @param newEvent   false while the same truncation of the same buffer goes on frame after frame
     */
    default void readFailed(ReadOutcome.Failure failure, TruncationReaction reaction, long zeroFilled,
                            boolean newEvent) {
    }

    ShmEvents NONE = new ShmEvents() {
    };
}
