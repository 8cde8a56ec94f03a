/**
 * The meters, named once: Micrometer meters fed by the core's and the subsystems' observer interfaces,
 * in a Prometheus registry. Names follow Micrometer's conventions ({@code shmward.*}, base units), which
 * Prometheus renders as {@code shmward_*} with {@code _total}, {@code _bytes} and {@code _seconds}
 * suffixes. Tags are bounded sets (interface names from the XML, error codes, reasons); never a client,
 * pool or object id.
 */
package io.shmward.server.metrics;
