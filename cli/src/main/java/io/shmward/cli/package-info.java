/**
 * The {@code ./shmward} command line (picocli): {@code serve} (the default), {@code run} (xvfb-run for
 * Wayland), {@code attack} and {@code load} (the catalogue and load generator of client-test, against any
 * compositor). Commands parse options and hand over to the assembly or the client-test tools; they own no
 * protocol behaviour.
 */
package io.shmward.cli;
