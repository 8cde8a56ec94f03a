package io.shmward.protocol.spec;

import java.util.List;
import java.util.Map;

/** One interface of a protocol XML file: its highest version, requests, events and enums. */
public final class InterfaceSpec {
    private final String name;
    private final int version;
    private final List<MessageSpec> requests;
    private final List<MessageSpec> events;
    private final Map<String, EnumSpec> enums;

    InterfaceSpec(String name, int version, List<MessageSpec> requests, List<MessageSpec> events,
                  Map<String, EnumSpec> enums) {
        this.name = name;
        this.version = version;
        this.requests = List.copyOf(requests);
        this.events = List.copyOf(events);
        this.enums = Map.copyOf(enums);
    }

    public String name() {
        return name;
    }

    /** The highest version the XML describes. */
    public int version() {
        return version;
    }

    public List<MessageSpec> requests() {
        return requests;
    }

    public List<MessageSpec> events() {
        return events;
    }

    public MessageSpec request(String messageName) {
        return find(requests, messageName, "request");
    }

    public MessageSpec event(String messageName) {
        return find(events, messageName, "event");
    }

    public EnumSpec enumeration(String enumName) {
        EnumSpec e = enums.get(enumName);
        if (e == null) {
            throw new IllegalArgumentException(name + " has no enum " + enumName);
        }
        return e;
    }

    /** The value of {@code entry} in this interface's {@code error} enum. */
    public int errorCode(String entry) {
        return enumeration("error").value(entry);
    }

    private MessageSpec find(List<MessageSpec> list, String messageName, String kind) {
        for (MessageSpec m : list) {
            if (m.name().equals(messageName)) {
                return m;
            }
        }
        throw new IllegalArgumentException(name + " has no " + kind + " " + messageName);
    }

    @Override
    public String toString() {
        return name + " v" + version;
    }
}
