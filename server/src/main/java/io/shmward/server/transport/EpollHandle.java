package io.shmward.server.transport;

import io.netty.channel.IoHandle;

/** Something with an fd that {@link EpollIoHandler} waits on: the listener, or a client's connection. */
interface EpollHandle extends IoHandle {
    int fd();
}
