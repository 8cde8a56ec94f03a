/**
 * The {@code ./shmward} command line (picocli): {@code serve} (the default) now, {@code run},
 * {@code attack} and {@code load} later. Commands parse options and hand over to the assembly; they own
 * no protocol behaviour.
 */
package io.shmward.server.cli;
