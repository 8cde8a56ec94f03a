package io.shmward.server.admin;

/**
 * One surface as {@code GET /api/surfaces} shows it. Sizes and format are those of the last committed
 * buffer (null before the first); {@code mapped} is false once the client removed its content.
 *
 * @param id       the server-wide surface serial, as used in {@code /api/surfaces/{id}/snapshot.png}
 * @param objectId the {@code wl_surface}'s id in its client
 * @param role     the role's name ({@code xdg_toplevel}, {@code wl_subsurface}...), or null
 * @param title    an xdg_toplevel's title, or null
 * @param appId    an xdg_toplevel's app_id, or null
 */
public record SurfaceInfo(long id, ClientRef client, int objectId, String role,
                          String title, String appId, Integer width, Integer height,
                          Integer stride, String format, long commits, boolean mapped) {

    /** Whose surface it is. */
    public record ClientRef(int pid, String command) {
    }
}
