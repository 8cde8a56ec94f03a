/**
 * The load generator: N clients, each on its own connection and thread, committing double-buffered frames
 * (or round-tripping) as fast as the compositor lets them, with latencies in an HdrHistogram. It runs
 * against any compositor with a Wayland socket.
 */
package io.shmward.client.load;
