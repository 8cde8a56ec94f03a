/**
 * The object core: per-client object maps with libwayland's id rules, request dispatch (object-argument
 * and new-id checks common to every interface), protocol errors and where they are posted, disconnect
 * reasons, globals (whose advertised versions the configuration may cap), and the three core interfaces ({@code wl_display}, {@code wl_registry},
 * {@code wl_callback}). Subsystems such as shm add their globals and resource types on top; nothing here
 * knows them. Everything in this package runs on the one event-loop thread that owns protocol state.
 */
package io.shmward.server.core;
