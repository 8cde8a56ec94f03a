package io.shmward.server.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a setting whose values are an enum's constants is spelled in configuration files and on the command
 * line: the constant's name in lower case, '-' for '_' ({@code ZERO_FILL} is {@code zero-fill}).
 */
public final class ConfigNames {
    private ConfigNames() {
    }

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant of {@code type} spelled {@code name}.
     *
     * @throws IllegalArgumentException naming the setting ({@code what}) and its values when none is
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String what, String name) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException(what + " must be " + Arrays.stream(type.getEnumConstants())
                .map(ConfigNames::of).collect(Collectors.joining(" or ")) + ", not '" + name + "'");
    }
}
