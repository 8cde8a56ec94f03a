package io.shmward.client.attack;

import io.shmward.client.WaylandClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The compositor under attack: where its socket is, optionally its process (to tell whether it is alive and
 * to read its fd count and memory from /proc), and optionally how to restart it after an attack killed it.
 */
public final class Target {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Path socket;
    private final Restarter restarter;
    private OptionalLong pid;

    public Target(String name, Path socket, OptionalLong pid, Restarter restarter) {
        this.name = name;
        this.socket = socket;
        this.pid = pid;
        this.restarter = restarter;
    }

    /** A target known only by its socket. */
    public static Target at(String name, Path socket) {
        return new Target(name, socket, OptionalLong.empty(), null);
    }

    public String name() {
        return name;
    }

    public Path socket() {
        return socket;
    }

    public OptionalLong pid() {
        return pid;
    }

    public boolean canRestart() {
        return restarter != null;
    }

    public WaylandClient connect() throws IOException {
        return WaylandClient.connect(socket);
    }

    /** Alive and answering: the process (when known) is not gone or a zombie, and a new client round-trips. */
    public boolean isUp() {
        return processAlive() && answers();
    }

    /** True unless the pid is known and its process is gone or a zombie. */
    public boolean processAlive() {
        if (pid.isEmpty()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid.getAsLong()), "stat"));
            // the state follows the command name, which is in parentheses and may itself hold spaces
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A fresh client connects and round-trips within a few seconds. */
    public boolean answers() {
        try (WaylandClient c = connect()) {
            c.roundtrip(ANSWER_TIMEOUT);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Restarts the target and waits until it answers. When the pid was tracked, the new process's pid is
     * read from the socket's peer credentials.
     */
    public boolean restart() throws IOException {
        if (restarter == null) {
            return false;
        }
        restarter.restart();
        long deadline = System.nanoTime() + RESTART_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (WaylandClient c = connect()) {
                c.roundtrip(ANSWER_TIMEOUT);
                if (pid.isPresent()) {
                    pid = OptionalLong.of(c.serverPid());
                }
                return true;
            } catch (IOException e) {
                sleep(100);
            }
        }
        return false;
    }

    /** Open fds of the target process, when its pid is known and /proc lets us look. */
    public OptionalLong fdCount() {
        if (pid.isEmpty()) {
            return OptionalLong.empty();
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid.getAsLong()), "fd"))) {
            return OptionalLong.of(fds.count());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Resident memory of the target in KiB ({@code VmRSS}), when its pid is known. */
    public OptionalLong residentKiB() {
        return statusField("VmRSS:");
    }

    /** Virtual memory of the target in KiB ({@code VmSize}): what mappings it holds, touched or not. */
    public OptionalLong virtualKiB() {
        return statusField("VmSize:");
    }

    private OptionalLong statusField(String field) {
        if (pid.isEmpty()) {
            return OptionalLong.empty();
        }
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid.getAsLong()), "status"))) {
            return lines.filter(l -> l.startsWith(field)).findFirst()
                    .map(l -> OptionalLong.of(Long.parseLong(l.substring(field.length()).replace("kB", "").strip())))
                    .orElse(OptionalLong.empty());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " at " + socket + pid.stream().mapToObj(p -> " (pid " + p + ")").findFirst().orElse("");
    }
}
