/**
 * The admin HTTP endpoint (Netty, on small event-loop groups of its own): {@code GET /metrics}
 * (Prometheus text or OpenMetrics), {@code /api/clients}, {@code /api/surfaces},
 * {@code /api/surfaces/{id}/snapshot.png}, {@code /api/status} and the self-contained status page at
 * {@code /}. It observes and never changes: protocol state is read only on the protocol event loop
 * ({@link io.shmward.server.admin.ProtocolView}), copied into immutable views, and serialized or encoded
 * on the admin threads; a snapshot is only pinned on the loop and copied off it.
 *
 * <p>Who sees what ({@link io.shmward.server.admin.AdminGate}): the full API shows who the clients are and
 * what their windows draw, so it is served on a Unix socket in the server's 0700 runtime directory; the
 * TCP port, which any local user reaches, serves aggregates only, unless the API was opened there on
 * purpose, and then to requests with the bearer token ({@link io.shmward.server.admin.AdminToken}).
 */
package io.shmward.server.admin;
