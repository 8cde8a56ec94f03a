/**
 * Bytes and fds between sockets and the core, on one event-loop thread that also owns all protocol state
 * (libwayland's model; a second loop only adds cross-core wake-ups). The loop is Netty's
 * {@code SingleThreadIoEventLoop} (tasks and timers) driving {@link io.shmward.server.transport.EpollIoHandler}
 * of our own: one {@code epoll_wait} per turn over raw socket fds, {@code recvmsg}/{@code sendmsg} with the
 * fds as SCM_RIGHTS beside their bytes (through FFM, {@code io.shmward.os}), so a round trip costs the
 * same three system calls as libwayland's and allocates nothing in the transport. Netty's own epoll
 * channel sends fds as separate messages, which Wayland's byte stream does not allow; its NIO channels
 * over junixsocket polled with {@code poll} and went through several layers per read.
 *
 * <p>Also here: the socket's place and lock file (libwayland's naming and {@code flock} conventions),
 * peer credentials, the bounded per-connection fd queue, fds sent no later than their message's first
 * byte and at most 28 per {@code sendmsg} (libwayland's limit), back-pressure, and fairness: a client's
 * requests run for one 2 ms slice per loop turn, so an expensive pipeline cannot hold the one loop (see
 * {@code ClientConnection}), and stop altogether while off-loop work of theirs is pending.
 *
 * <p>Received fds come from the kernel straight into the connection's queue, close-on-exec, with no call
 * on their file; every fd the transport gives up goes through the client's
 * {@link io.shmward.server.fd.FdCloser} account, so nothing here can wait on a client's file.
 */
package io.shmward.server.transport;
