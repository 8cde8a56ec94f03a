/**
 * Client fds whose system calls may wait on someone else, kept off the event loop.
 *
 * <p>An fd a client sends can be anything: a memfd, a file on disk, a socket, a pipe, a file on a FUSE file
 * system the client serves itself, a file on an NFS hard mount. For most of them some system call can wait
 * as long as another party likes: the last {@code close} of a TCP socket with {@code SO_LINGER} waits out
 * the linger time, every {@code close} of a FUSE file sends {@code FLUSH} and waits for the client's own
 * daemon, as {@code fstat} (GETATTR), {@code fstatfs} (STATFS) and {@code pread} (READ) do. One such call on
 * the single event loop would stall every client.
 *
 * <p>The rule: an fd is classified on arrival with {@link io.shmward.os.Libc#isShmem} ({@code F_GET_SEALS},
 * which only shmem files answer, from memory). Shmem files (memfds, tmpfs and {@code /dev/shm} files) are
 * probed, read and closed on the loop: nothing there waits on anyone. Every other fd is probed and read by
 * worker threads under a time limit ({@link io.shmward.server.core.OffLoop}) and closed by the
 * {@link io.shmward.server.fd.FdCloser}'s threads, each serving one client's fds at a time, so a close stuck
 * on one client's file never holds another's; fds waiting are quarantined against a per-client and a
 * global budget.
 */
package io.shmward.server.fd;
