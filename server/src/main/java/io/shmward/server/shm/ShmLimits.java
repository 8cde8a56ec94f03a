package io.shmward.server.shm;

/**
 * Bounds on shm resources; past one the client whose request would pass it gets
 * {@code wl_display.error no_memory}. The per-client defaults sit far above real clients (foot alone claims
 * a 512 MiB pool); the totals bound the sum over all clients, sized for a thousand of them.
 *
 * @param pools            live wl_shm_pool objects of one client
 * @param buffers          live wl_buffer objects of one client
 * @param poolFiles        pool fds one client holds open (a destroyed pool's fd lives on while its buffers do)
 * @param poolBytes        sum of the sizes of all pools whose memory one client holds
 * @param totalPoolFiles   pool fds all clients together hold: part of the process's fd budget
 * @param totalPoolBytes   sum of the sizes of all clients' pools
 * @param totalMappedBytes bytes of pools mapped at once; a pool that would pass it is read by pread instead
 *                         (never refused): reading a never-written range through a mapping makes the kernel
 *                         allocate the client's pages at the server's expense, pread does not
 */
public record ShmLimits(int pools, int buffers, int poolFiles, long poolBytes, int totalPoolFiles,
                        long totalPoolBytes, long totalMappedBytes) {
}
