package io.shmward.protocol.spec;

/**
 * One argument of a message.
 *
 * @param interfaceName for {@code object} and {@code new_id}: the interface named in the XML, or null when
 *                      any interface is allowed; a {@code new_id} without one is the untyped form
 *                      ({@code wl_registry.bind}) that carries interface name and version on the wire
 * @param nullable      the XML's {@code allow-null}
 * @param enumName      the XML's {@code enum} attribute, or null
 */
public record ArgSpec(String name, ArgType type, String interfaceName, boolean nullable, String enumName) {

    /** True for the {@code new_id} without interface, encoded as string + uint + id. */
    public boolean isUntypedNewId() {
        return type == ArgType.NEW_ID && interfaceName == null;
    }
}
