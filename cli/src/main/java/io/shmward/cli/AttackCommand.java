package io.shmward.cli;

import io.shmward.client.VisibleSurface;
import io.shmward.client.attack.AttackReport;
import io.shmward.client.attack.AttackRunner;
import io.shmward.client.attack.Catalogue;
import io.shmward.client.attack.ReportFormat;
import io.shmward.client.attack.Scenario;
import io.shmward.client.attack.ShellRestarter;
import io.shmward.client.attack.Target;
import java.io.PrintStream;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code shmward attack}: the malicious-client catalogue against any compositor. */
@Command(name = "attack", mixinStandardHelpOptions = true,
        description = {"Run the malicious-client catalogue against a compositor (Shmward, Weston, Sway, ...) and report, "
                + "scenario by scenario, what it did and whether a robust compositor would have done the same.",
                "Exit status: 0 when every observation matches its robust expectation, 1 otherwise."})
final class AttackCommand implements Callable<Integer> {
    @Mixin
    DisplayOption target = new DisplayOption();

    @Option(names = "--scenario", paramLabel = "ID", defaultValue = "all",
            description = "A scenario id, a family (shm, stall, wire, crowd) or all (default); --list shows them.")
    String scenario;

    @Option(names = "--report", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json or markdown.")
    String report;

    @Option(names = "--pid", paramLabel = "PID",
            description = "The compositor's process: its death is reported, and its fds and memory are read from /proc.")
    Long pid;

    @Option(names = "--restart", paramLabel = "CMD",
            description = "A shell command that starts the compositor again when a scenario killed it; the catalogue then goes on.")
    String restart;

    @Option(names = "--roles", paramLabel = "CHOICE", defaultValue = "auto",
            description = "auto (default): show surfaces as xdg_toplevels where xdg_wm_base is offered; none: role-less surfaces.")
    String roles;

    @Option(names = "--list", description = "List the scenarios with their expectations and what those rest on, and exit.")
    boolean list;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Scenario> chosen;
        try {
            chosen = Catalogue.select(scenario);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (list) {
            printList(chosen, System.out);
            return 0;
        }
        ReportFormat format = Choices.of(spec, ReportFormat.class, "--report", report);
        VisibleSurface.RoleChoice roleChoice = Choices.of(spec, VisibleSurface.RoleChoice.class, "--roles", roles);
        OptionalLong knownPid = pid == null ? OptionalLong.empty() : OptionalLong.of(pid);
        Target t = new Target(target.name(spec), target.socket(spec), knownPid, restart == null ? null : new ShellRestarter(restart));
        AtomicInteger done = new AtomicInteger();
        AttackRunner runner = new AttackRunner(t, roleChoice,
                r -> System.err.printf("[%d/%d] %-36s %s%n", done.incrementAndGet(), chosen.size(), r.scenario().id(),
                        r.matches() ? "ok" : "MISMATCH (" + r.observation().summary() + ", target " + r.target().label() + ")"));
        AttackReport result = runner.run(chosen);
        System.out.print(format.render(result));
        return result.allMatch() ? 0 : 1;
    }

    private static void printList(List<Scenario> scenarios, PrintStream out) {
        for (Scenario s : scenarios) {
            out.println(s.id());
            out.println("  does:     " + s.description());
            out.println("  expected: " + s.expectation().text());
            out.println("  because:  " + s.expectation().basis());
        }
    }
}
