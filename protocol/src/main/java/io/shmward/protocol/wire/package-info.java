/**
 * The wire format on Netty {@code ByteBuf}s: a pure decoder (bytes + an fd queue + an object lookup
 * &rarr; a message or a typed {@link io.shmward.protocol.wire.DecodeError}, never an exception), the encoder
 * that shares its signature model, and the debug formatter whose output matches libwayland's
 * {@code WAYLAND_DEBUG} lines. No I/O and no object state live here: the caller says which ids exist through
 * {@link io.shmward.protocol.wire.ObjectLookup}.
 *
 * <p>A message decodes in one of two forms. The server's requests become the records generated from the
 * XML ({@link io.shmward.protocol.wire.WaylandRequest}, read by the connection's reused
 * {@link io.shmward.protocol.wire.ArgReader}): typed fields, no boxing, one small object per request.
 * The dynamic {@link io.shmward.protocol.wire.Message} stays for what must take any message alike or
 * send what the XML forbids: events, traces, the test client and its attacks. Both go through the same
 * header checks and the same reader, and a property checks that they agree on any bytes.
 */
package io.shmward.protocol.wire;
