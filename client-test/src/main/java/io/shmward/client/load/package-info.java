/**
 * The load generator, against any compositor with a Wayland socket. Closed loop: N clients, each on its own
 * connection and thread, committing double-buffered frames (or round-tripping) as fast as the compositor
 * lets them. Paced: sync round trips at a fixed rate per client, open loop, every client on one thread and
 * one selector, latency timed from each round trip's intended send time. Idle: clients set up as real ones
 * and held, for measuring what a server keeps per client. Latencies go in an HdrHistogram.
 */
package io.shmward.client.load;
