package io.shmward.protocol.wire;

/** Collects the fds of encoded messages, in order, for the transport to send with their bytes. */
@FunctionalInterface
public interface FdSink {
    void add(int fd);

    FdSink REFUSE = fd -> {
        throw new IllegalArgumentException("this connection cannot send file descriptors");
    };
}
