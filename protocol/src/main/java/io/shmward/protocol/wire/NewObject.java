package io.shmward.protocol.wire;

/**
 * The value of an untyped {@code new_id} argument ({@code wl_registry.bind}): the wire carries the
 * interface name and version the client asks for in front of the id.
 */
public record NewObject(String interfaceName, int version, int id) {
}
