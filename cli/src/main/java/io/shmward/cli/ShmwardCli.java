package io.shmward.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Entry point of {@code ./shmward}. With no subcommand it serves, so {@code ./shmward --socket x} works. */
@Command(name = "shmward", mixinStandardHelpOptions = true, version = "shmward 0.1.0",
        description = "A Wayland server centred on wl_shm that no client can crash.",
        subcommands = {ServeCommand.class, RunCommand.class, AttackCommand.class, LoadCommand.class},
        footer = "%nWith no command, 'serve' runs with the options given.")
public final class ShmwardCli implements Callable<Integer> {
    @Mixin
    ServeOptions options = new ServeOptions();

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, configured: {@code run} takes everything after its command's name as that command's,
     * and a server that cannot start (socket or admin port taken, unreadable configuration) says why in one
     * line instead of a stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ShmwardCli());
        cli.getSubcommands().get("run").setStopAtPositional(true);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof IOException) {
                command.getErr().println("shmward: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        return ServeCommand.serve(options);
    }
}
