/**
 * The {@code ./shmward} command line (picocli): {@code serve} (the default), {@code run} (xvfb-run for
 * Wayland), and later {@code attack} and {@code load}. Commands parse options and hand over to the
 * assembly; they own no protocol behaviour.
 */
package io.shmward.server.cli;
