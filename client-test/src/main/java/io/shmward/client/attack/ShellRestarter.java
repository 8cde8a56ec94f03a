package io.shmward.client.attack;

import java.io.IOException;

/**
 * Restarts the target with a shell command ({@code sh -c CMD}) left running in the background. Its output
 * is discarded, so it cannot interleave with the report; redirect inside the command to keep it.
 */
public final class ShellRestarter implements Restarter {
    private final String command;

    public ShellRestarter(String command) {
        this.command = command;
    }

    @Override
    public void restart() throws IOException {
        new ProcessBuilder("sh", "-c", command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }

    @Override
    public String toString() {
        return "sh -c '" + command + "'";
    }
}
