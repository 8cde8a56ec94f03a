/**
 * {@code wl_shm}, {@code wl_shm_pool} and {@code wl_buffer} under the no-SIGBUS policy.
 *
 * <p>Two layers. The protocol layer ({@link io.shmward.server.shm.ShmResource},
 * {@link io.shmward.server.shm.ShmPoolResource}, {@link io.shmward.server.shm.BufferResource}) validates
 * requests with libwayland's checks (stricter where libwayland is weak: 64-bit arithmetic, per-format
 * stride) and posts the spec's errors. The memory layer ({@link io.shmward.server.shm.PoolMemory}) owns the
 * fd and any mapping, reference-counted so a buffer keeps its pool's memory alive after the pool is
 * destroyed, and is reached only through one scoped copy ({@link io.shmward.server.shm.BufferResource#copyInto}).
 *
 * <p>A read past the end of a shrunk file must be impossible, not caught: on JDK 25 a compiled read of a
 * mapping past EOF can abort the JVM. So a pool is mapped only when its file is a shmem memfd sealed
 * against shrinking and at least as large as the pool, re-checked at every resize; every other pool is
 * read with {@code pread}, where a truncation is a short read, never a signal. A file's seals are read
 * before its size: a client may shrink its file and then seal it, and only a size read after a shrink seal
 * was seen is a bound that holds.
 *
 * <p>Only shmem files are probed and read on the event loop. A pool on any other file (disk, FUSE, NFS) is
 * probed and read by workers under a time limit, since every call on it may wait on someone else, and is
 * never mapped; so are reads of 16 MiB or more from any pool (see {@code io.shmward.server.fd}).
 */
package io.shmward.server.shm;
