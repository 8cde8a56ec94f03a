package io.shmward.cli;

import io.shmward.client.WaylandClient;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --display NAME}: the compositor to talk to, found as libwayland-client finds WAYLAND_DISPLAY. */
final class DisplayOption {
    @Option(names = "--display", paramLabel = "NAME", required = true,
            description = "The compositor's socket: an absolute path, or a name under $XDG_RUNTIME_DIR (like WAYLAND_DISPLAY).")
    String display;

    Path socket() throws IOException {
        return WaylandClient.socketPath(display, System.getenv("XDG_RUNTIME_DIR"));
    }
}
