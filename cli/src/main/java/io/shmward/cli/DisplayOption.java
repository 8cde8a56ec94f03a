package io.shmward.cli;

import io.shmward.client.WaylandClient;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --display NAME}: the compositor to talk to, found as libwayland-client finds WAYLAND_DISPLAY.
 * Required by every command that talks to one, checked when it does ({@code attack --list} talks to none).
 */
final class DisplayOption {
    @Option(names = "--display", paramLabel = "NAME",
            description = "The compositor's socket: an absolute path, or a name under $XDG_RUNTIME_DIR (like WAYLAND_DISPLAY).")
    String display;

    /** The display's name; a usage error when it was not given. */
    String name(CommandSpec spec) {
        if (display == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--display=NAME'");
        }
        return display;
    }

    Path socket(CommandSpec spec) throws IOException {
        return WaylandClient.socketPath(name(spec), System.getenv("XDG_RUNTIME_DIR"));
    }
}
