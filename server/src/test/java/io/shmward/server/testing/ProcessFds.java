package io.shmward.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/** This process's open fds, from /proc/self/fd, for leak checks. */
public final class ProcessFds {
    private ProcessFds() {
    }

    public static int count() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count() - 1; // the directory stream's own fd
        }
    }

    /** Open fds whose link target contains {@code marker} (e.g. a memfd's name). */
    public static int countLinkingTo(String marker) throws IOException {
        int n = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).toString().contains(marker)) {
                        n++;
                    }
                } catch (IOException ignored) {
                    // closed while we looked
                }
            }
        }
        return n;
    }

    /** Polls {@link #count()} until {@code ok} accepts it or {@code timeout} passes; returns the last count. */
    public static int awaitCount(IntPredicate ok, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int n = count();
        while (!ok.test(n) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            n = count();
        }
        return n;
    }
}
