package io.shmward.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Option values spelled in lower case on the command line ({@code --mode sync}) mapped to enum constants. */
final class Choices {
    private Choices() {
    }

    /** The constant of {@code type} named {@code value}, or picocli's usage error naming the choices. */
    static <E extends Enum<E>> E of(CommandSpec spec, Class<E> type, String option, String value) {
        for (E e : type.getEnumConstants()) {
            if (spelling(e).equals(value)) {
                return e;
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(), option + " must be one of "
                + Arrays.stream(type.getEnumConstants()).map(Choices::spelling).collect(Collectors.joining(", "))
                + ", not '" + value + "'");
    }

    private static String spelling(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
