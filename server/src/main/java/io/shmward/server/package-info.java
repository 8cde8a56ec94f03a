/**
 * Assembly: {@link io.shmward.server.ShmwardServer} wires configuration, the transport, the core and the
 * subsystems that register globals into one running server. The subpackages hold the parts; data flows
 * transport &rarr; core &rarr; subsystems &rarr; events, and nothing in a lower layer calls back up here.
 */
package io.shmward.server;
