package io.shmward.server.eventlog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends events to a file as JSON lines, on a thread of its own: the event loop only queues, so a slow
 * disk never stalls the clients. The queue is bounded; when a flood outruns the disk, events are dropped
 * and counted rather than held without limit (a client that truncates on every commit must not be able to
 * grow the server's memory through its log).
 */
public final class EventLogFile implements Consumer<LoggedEvent>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventLogFile.class);
    static final int QUEUE_CAPACITY = 10_000;
    private static final LoggedEvent STOP = new LoggedEvent(java.time.Instant.EPOCH, "stop", 0, 0, "", "", java.util.Map.of());

    private final Path path;
    private final BufferedWriter out;
    private final BlockingQueue<LoggedEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread writer;
    private long dropped;

    private EventLogFile(Path path, BufferedWriter out) {
        this.path = path;
        this.out = out;
        this.writer = Thread.ofPlatform().daemon().name("shmward-event-log").start(this::drain);
    }

    /** Opens {@code path} for appending (creating it and its directory) and starts the writer. */
    public static EventLogFile open(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return new EventLogFile(path, out);
    }

    public Path path() {
        return path;
    }

    @Override
    public void accept(LoggedEvent event) {
        if (!queue.offer(event)) {
            if (dropped++ == 0) {
                log.warn("event log {} cannot keep up; dropping events until it does", path);
            }
        }
    }

    /** Writes what is queued, then stops the writer and closes the file. */
    @Override
    public void close() {
        try {
            queue.put(STOP);
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dropped > 0) {
            log.warn("event log {}: {} events dropped in all", path, dropped);
        }
    }

    private void drain() {
        List<LoggedEvent> batch = new ArrayList<>();
        try (out) {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch);
                boolean stop = false;
                for (LoggedEvent e : batch) {
                    if (e == STOP) {
                        stop = true;
                        break;
                    }
                    out.write(EventJsonLines.line(e));
                    out.newLine();
                }
                out.flush(); // a line is on disk (in the page cache) soon after the event, for tailing readers
                batch.clear();
                if (stop) {
                    return;
                }
            }
        } catch (IOException e) {
            log.error("event log {} failed; no more events are written: {}", path, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
