/**
 * The wire format on Netty {@code ByteBuf}s: a pure decoder (bytes + an fd queue + an object lookup
 * &rarr; a {@link io.shmward.protocol.wire.Message} or a typed {@link io.shmward.protocol.wire.DecodeError},
 * never an exception), the encoder that shares its signature model, and the debug formatter whose output
 * matches libwayland's {@code WAYLAND_DEBUG} lines. No I/O and no object state live here: the caller
 * says which ids exist through {@link io.shmward.protocol.wire.ObjectLookup}.
 */
package io.shmward.protocol.wire;
