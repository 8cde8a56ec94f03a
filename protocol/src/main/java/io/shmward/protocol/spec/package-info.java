/**
 * The protocol as data: interfaces, requests, events, arguments and enums, read at start-up from the
 * official XML files vendored as resources ({@code wayland.xml}, {@code xdg-shell.xml}). Nothing else in
 * Shmward spells a signature; code names messages and enum entries by their XML names and this package
 * resolves them, failing at class initialisation if a name does not exist.
 */
package io.shmward.protocol.spec;
