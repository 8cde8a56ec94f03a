/**
 * A small, blocking Wayland client on the protocol module, for tests, the malicious-client catalogue and
 * the load generator: connect by path or WAYLAND_DISPLAY, send any request (fds included, or raw bytes for
 * attacks), read and record events, round-trip. Deliberately permissive on the sending side: it will send
 * what a buggy or hostile client would, because that is what it is for.
 */
package io.shmward.client;
