package io.shmward.protocol.spec;

import java.util.Map;

/** An enum of an interface, entry name to value, in XML order. */
public record EnumSpec(String interfaceName, String name, boolean bitfield, Map<String, Long> entries) {

    public EnumSpec {
        entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
    }

    /** The value of entry {@code entry}; fails loudly when the XML has no such entry. */
    public int value(String entry) {
        Long v = entries.get(entry);
        if (v == null) {
            throw new IllegalArgumentException(interfaceName + "." + name + " has no entry " + entry);
        }
        return v.intValue();
    }

    /** True when {@code value} names one of the entries (for a bitfield: a combination of them). */
    public boolean contains(long value) {
        if (!bitfield) {
            return entries.containsValue(value);
        }
        long all = 0;
        for (long v : entries.values()) {
            all |= v;
        }
        return (value & ~all) == 0;
    }
}
