/**
 * The libc seam, through FFM downcalls: every system call the JDK lacks (memfd and seals, fstat/fstatfs,
 * mmap/mremap/munmap, pread, flock, rlimits) with errno captured and turned into {@link io.shmward.os.OsException};
 * and {@link io.shmward.os.Fd}, the handle a decoded request carries its fds in, so that who must close one
 * is in the type rather than in a comment. Elsewhere fds stay {@code int}s, each with one owner: the
 * transport's queue, the closer, a pool's memory.
 *
 * <p>It lives in the lowest module because both peers need the same calls: the server maps and reads
 * pools, and the client library creates, seals and truncates memfds for its tests and attacks. Putting it
 * higher would force a second copy of these bindings into whichever module could not see it.
 */
package io.shmward.os;
