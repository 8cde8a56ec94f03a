package io.shmward.client;

import java.io.IOException;

/** The server closed the connection; {@link #error()} is the protocol error it sent first, if any. */
public final class ConnectionClosedException extends IOException {
    private final transient ServerError error;

    public ConnectionClosedException(ServerError error) {
        super(error == null ? "server closed the connection" : "server closed the connection after " + error);
        this.error = error;
    }

    public ServerError error() {
        return error;
    }
}
