/**
 * The object core: per-client object maps with libwayland's id rules, request dispatch (object-argument
 * and new-id checks common to every interface), protocol errors and where they are posted, disconnect
 * reasons, globals (whose advertised versions the configuration may cap), and the three core interfaces ({@code wl_display}, {@code wl_registry},
 * {@code wl_callback}). Subsystems such as shm add their globals and resource types on top; nothing here
 * knows them. Everything in this package runs on the one event-loop thread that owns protocol state,
 * except the work {@link io.shmward.server.core.OffLoop} hands to worker threads: calls that may block
 * (on a client's file that is not shmem) or take long (a very large copy), during which that client's
 * dispatch is held so its requests keep their order, under a time limit that ends in the caller's error.
 * Every fd a client sent is given up through {@link io.shmward.server.core.Client#closeFd}, which keeps a
 * close that may block off the loop ({@link io.shmward.server.fd.FdCloser}). A bug of ours or an
 * {@code Error} while serving a client costs that client its connection, logged at ERROR and counted.
 *
 * <p>Requests arrive as the records generated from the XML: a {@link io.shmward.server.core.Resource}
 * names its interface's generated type and handles its sealed {@code Request} with an exhaustive
 * {@code switch} without default, so a request added to the XML fails the build at its handler. The
 * fds a request carries are {@link io.shmward.os.Fd} handles: a handler takes the ones it keeps, and
 * {@link io.shmward.server.core.Client#dispatch} closes the rest once the handler returned or threw.
 */
package io.shmward.server.core;
