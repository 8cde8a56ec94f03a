package io.shmward.protocol.wire;

/**
 * A request decoded into its generated record (for example {@code WlShmPool.CreateBuffer}). Each interface's
 * generated {@code Request} interface is sealed over its records, so a handler's {@code switch} needs no
 * default and a request added to the XML is a compile error at every handler of that interface. This one is
 * open only because the generated interfaces live in other packages.
 */
public non-sealed interface WaylandRequest extends DecodeResult {
}
