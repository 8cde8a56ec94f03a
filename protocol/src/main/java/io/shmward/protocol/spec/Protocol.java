package io.shmward.protocol.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** A set of interfaces loaded from protocol XML files; {@link #standard()} is the one Shmward speaks. */
public final class Protocol {
    /** The XML files vendored under {@code io/shmward/protocol/}, unmodified. */
    private static final String[] STANDARD_FILES = {"wayland.xml", "xdg-shell.xml"};

    private final Map<String, InterfaceSpec> interfaces;

    private Protocol(Map<String, InterfaceSpec> interfaces) {
        this.interfaces = Map.copyOf(interfaces);
    }

    /** The core protocol of libwayland 1.23.1 and stable xdg-shell, loaded once. */
    public static Protocol standard() {
        return Standard.INSTANCE;
    }

    /** The interface called {@code name}; fails loudly when no loaded XML defines it. */
    public InterfaceSpec get(String name) {
        InterfaceSpec spec = interfaces.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no protocol XML defines interface " + name);
        }
        return spec;
    }

    /** The interface called {@code name}, or null (for names that come from clients). */
    public InterfaceSpec find(String name) {
        return interfaces.get(name);
    }

    public Collection<InterfaceSpec> interfaces() {
        return interfaces.values();
    }

    static Protocol load(String... resourceNames) {
        Map<String, InterfaceSpec> all = new LinkedHashMap<>();
        for (String file : resourceNames) {
            try (InputStream in = Protocol.class.getResourceAsStream("/io/shmward/protocol/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("protocol resource missing: " + file);
                }
                for (InterfaceSpec spec : ProtocolXmlReader.read(in)) {
                    all.put(spec.name(), spec);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Protocol(all);
    }

    private static final class Standard {
        static final Protocol INSTANCE = load(STANDARD_FILES);
    }
}
