package io.shmward.server.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The bearer token that opens the full admin API over TCP: the configured one, or 32 random bytes made at
 * start. Either way it is written to a file only its owner can read (0600, created so, never widened), so
 * the user who runs the server can hand it to curl and nobody else can.
 */
public final class AdminToken {
    private static final int RANDOM_BYTES = 32;

    private AdminToken() {
    }

    /** The token ({@code configured} unless blank), written to {@code file} with mode 0600. */
    public static String issue(Path file, String configured) throws IOException {
        String token = configured != null && !configured.isBlank() ? configured.strip() : random();
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
        return token;
    }

    private static String random() {
        byte[] bytes = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
