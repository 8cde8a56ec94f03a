/**
 * The admin HTTP endpoint (Netty, on a small event-loop group of its own): {@code GET /metrics}
 * (Prometheus text or OpenMetrics), {@code /api/clients}, {@code /api/surfaces},
 * {@code /api/surfaces/{id}/snapshot.png}, {@code /api/status} and the self-contained status page at
 * {@code /}. It observes and never changes: protocol state is read only on the protocol event loop
 * ({@link io.shmward.server.admin.ProtocolView}), copied into immutable views, and serialized or encoded
 * on the admin threads.
 */
package io.shmward.server.admin;
