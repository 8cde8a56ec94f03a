package io.shmward.protocol.wire;

/** The connection's queue of received file descriptors, consumed in order by messages with fd arguments. */
public interface FdSource {
    /** How many fds are queued now. */
    int available();

    /** Removes and returns the oldest queued fd; only called when {@link #available()} is positive. */
    int take();

    FdSource NONE = new FdSource() {
        @Override
        public int available() {
            return 0;
        }

        @Override
        public int take() {
            throw new IllegalStateException("no fds");
        }
    };
}
