package io.shmward.server.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where the listening socket lives, by libwayland's rules: a relative name goes under
 * {@code $XDG_RUNTIME_DIR}, an absolute path is used as it is. Where XDG_RUNTIME_DIR is unset or not
 * absolute (common on a fresh machine), the server makes a private 0700 directory of its own and clients
 * must be given that directory too; {@link #clientEnvironment()} says what to set.
 *
 * @param runtimeDir the directory clients need as XDG_RUNTIME_DIR (for an absolute socket path, its
 *                   directory: libwayland-client before 1.22 wants the variable set even then)
 * @param privateRuntimeDir true when Shmward created {@code runtimeDir} and removes it at shutdown
 */
public record SocketPlace(Path socket, Path runtimeDir, boolean privateRuntimeDir, String displayName) {
    /** sun_path holds 108 bytes including the terminating NUL. */
    static final int MAX_PATH_BYTES = 107;

    public static SocketPlace resolve(String name, String xdgRuntimeDir) throws IOException {
        if (name.startsWith("/")) {
            Path socket = Path.of(name);
            return checked(new SocketPlace(socket, socket.getParent(), false, name));
        }
        if (name.isEmpty() || name.contains("/")) {
            throw new IOException("socket name '" + name + "' must be a plain name or an absolute path");
        }
        if (xdgRuntimeDir != null && xdgRuntimeDir.startsWith("/")) {
            Path dir = Path.of(xdgRuntimeDir);
            return checked(new SocketPlace(dir.resolve(name), dir, false, name));
        }
        Path dir = Files.createTempDirectory("shmward-runtime-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return checked(new SocketPlace(dir.resolve(name), dir, true, name));
    }

    public Path lockFile() {
        return socket.resolveSibling(socket.getFileName() + ".lock");
    }

    /** The environment a client needs: {@code XDG_RUNTIME_DIR=… WAYLAND_DISPLAY=…}. */
    public String clientEnvironment() {
        return "XDG_RUNTIME_DIR=" + runtimeDir + " WAYLAND_DISPLAY=" + displayName;
    }

    private static SocketPlace checked(SocketPlace place) throws IOException {
        if (place.socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new IOException("socket path " + place.socket + " is longer than the " + MAX_PATH_BYTES
                    + " bytes an AF_UNIX address holds");
        }
        return place;
    }
}
