package io.shmward.client.attack;

import io.shmward.client.ServerError;
import io.shmward.protocol.spec.EnumSpec;
import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.Protocol;
import java.util.Map;

/** Names the code of a {@code wl_display.error} by the error enum it comes from. */
public final class ErrorNames {
    /**
     * Objects with no error enum of their own whose errors come from another interface's enum: libwayland
     * posts wl_shm's codes on pools and on shm buffers (wayland-shm.c), and wl_display's on the registry
     * when a bind is refused (wayland-server.c registry_bind).
     */
    private static final Map<String, String> ENUM_OWNER =
            Map.of("wl_shm_pool", "wl_shm", "wl_buffer", "wl_shm", "wl_registry", "wl_display");

    private ErrorNames() {
    }

    /** The interface whose error enum gives {@code error}'s code its meaning, or null when unknown. */
    public static String enumOwner(ServerError error) {
        if (error.objectId() == 1) {
            return "wl_display";
        }
        InterfaceSpec own = Protocol.standard().find(error.interfaceName());
        if (own != null && hasErrorEnum(own)) {
            return own.name();
        }
        return ENUM_OWNER.get(error.interfaceName());
    }

    /** {@code wl_shm.invalid_stride}, or {@code code 7} when the code has no known name. */
    public static String codeName(ServerError error) {
        String owner = enumOwner(error);
        if (owner != null) {
            EnumSpec e = Protocol.standard().get(owner).enumeration("error");
            for (var entry : e.entries().entrySet()) {
                if (entry.getValue() == Integer.toUnsignedLong(error.code())) {
                    return owner + "." + entry.getKey();
                }
            }
        }
        return "code " + error.code();
    }

    /** One line for reports: where, which code, and the message. */
    public static String describe(ServerError error) {
        return error.interfaceName() + "#" + Integer.toUnsignedString(error.objectId()) + " " + codeName(error)
                + ": \"" + error.message() + "\"";
    }

    private static boolean hasErrorEnum(InterfaceSpec spec) {
        try {
            spec.enumeration("error");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
