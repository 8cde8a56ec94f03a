/**
 * Bytes and fds between sockets and the core: a junixsocket AF_UNIX listener carried by Netty's NIO
 * transport on junixsocket's selector, with one event-loop thread that also owns all protocol state
 * (libwayland's model; a second loop only adds cross-core wake-ups). The seam is narrow on purpose:
 * {@link io.shmward.server.transport.FdSocketChannel} and
 * {@link io.shmward.server.transport.FdServerSocketChannel} are the only classes that know junixsocket
 * channels, so a faster loop can replace the selector without touching the pipeline.
 *
 * <p>Also here: the socket's place and lock file (libwayland's naming and {@code flock} conventions),
 * peer credentials, the bounded per-connection fd queue, back-pressure, and fairness: a client's requests
 * run for one 2 ms slice per loop turn, so an expensive pipeline cannot hold the one loop (see
 * {@code ClientConnection}), and stop altogether while off-loop work of theirs is pending.
 *
 * <p>Received fds are taken from junixsocket without any system call on their file ({@code ReceivedFd}),
 * and every fd the transport gives up goes through the client's {@link io.shmward.server.fd.FdCloser}
 * account, so nothing here can wait on a client's file.
 */
package io.shmward.server.transport;
