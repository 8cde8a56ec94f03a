package io.shmward.os;

import java.io.IOException;

/** A failed system call: which call, and the errno it left. */
public final class OsException extends IOException {
    private final String call;
    private final int errno;

    OsException(String call, int errno) {
        super(call + ": " + Libc.strerror(errno) + " (errno " + errno + ")");
        this.call = call;
        this.errno = errno;
    }

    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }
}
