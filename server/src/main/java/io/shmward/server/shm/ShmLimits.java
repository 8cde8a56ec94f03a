package io.shmward.server.shm;

/**
 * Per-client bounds on shm resources; past one the client gets {@code wl_display.error no_memory}. The
 * defaults sit far above real clients (foot alone claims a 512 MiB pool).
 *
 * @param pools      live wl_shm_pool objects
 * @param buffers    live wl_buffer objects
 * @param poolFiles  pool fds held open (a destroyed pool's fd lives on while its buffers do)
 * @param poolBytes  sum of the sizes of all pools whose memory is held
 */
public record ShmLimits(int pools, int buffers, int poolFiles, long poolBytes) {
}
