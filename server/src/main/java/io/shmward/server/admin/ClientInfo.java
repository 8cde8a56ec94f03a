package io.shmward.server.admin;

/**
 * One connected client as {@code GET /api/clients} shows it.
 *
 * @param objects  live protocol objects
 * @param pools    live {@code wl_shm_pool} objects
 * @param buffers  live {@code wl_buffer} objects
 * @param surfaces live {@code wl_surface} objects
 * @param errors   protocol errors posted to it (at most one: it is disconnected after the first)
 */
public record ClientInfo(int pid, int uid, String command, int objects, int pools, int buffers, int surfaces,
                         int errors) {
}
