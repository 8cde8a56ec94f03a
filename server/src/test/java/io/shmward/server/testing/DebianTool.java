package io.shmward.server.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that drive a real program from a Debian package. Under CI ({@code CI=true}) a missing program is a
 * failure, because .ci/run installs it; elsewhere the test is skipped with the package to install.
 */
public final class DebianTool {
    private DebianTool() {
    }

    public static Path require(String program, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = program + " is not installed; install it with: apt-get install " + debianPackage;
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: .ci/run must install it)");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }
}
