package io.shmward.server.eventlog;

import io.shmward.server.core.Client;
import io.shmward.server.core.CoreObserver;
import io.shmward.server.core.PeerCredentials;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.shm.ReadFailure;
import io.shmward.server.shm.ShmEvents;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns truncations and protocol errors into {@link LoggedEvent}s: hands each to a sink (the log file, when
 * one is configured) and keeps the latest in memory for the status page. Observer calls arrive on the
 * event loop; {@link #recent} may be called from any thread.
 */
public final class EventJournal implements CoreObserver, ShmEvents {
    /** How many events of each type the status page can show. */
    static final int KEPT_PER_TYPE = 50;

    private final Clock clock;
    private final Consumer<LoggedEvent> sink;
    private final Map<String, ArrayDeque<LoggedEvent>> latest = new LinkedHashMap<>();

    public EventJournal(Clock clock, Consumer<LoggedEvent> sink) {
        this.clock = clock;
        this.sink = sink;
    }

    @Override
    public void protocolErrorPosted(Client client, ProtocolError error) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("interface", error.objectInterface().name());
        details.put("code", error.code());
        details.put("code_name", error.codeName());
        details.put("message", error.getMessage());
        details.put("disconnect_reason", error.reason().tag());
        record(LoggedEvent.PROTOCOL_ERROR, client.credentials(), error.objectInterface().name() + "#"
                + Integer.toUnsignedString(error.objectId()), details);
    }

    @Override
    public void readFailed(ReadFailure f) {
        if (!f.newEvent()) {
            return; // the truncation already logged, still going on
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("failure", f.failure().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        details.put("offset", f.offset());
        details.put("buffer_bytes", f.bufferBytes());
        details.put("pool_bytes", f.poolSize());
        details.put("file_bytes", f.fileSize());
        details.put("missing_bytes", f.missingBytes());
        if (f.errno() != 0) {
            details.put("errno", f.errno());
        }
        details.put("reaction", f.reaction().configName());
        details.put("zero_filled_bytes", f.zeroFilled());
        record(LoggedEvent.TRUNCATION, f.client().credentials(), "wl_buffer#" + Integer.toUnsignedString(f.bufferId()), details);
    }

    /** The latest events of {@code type}, newest first, at most {@code limit}. */
    public List<LoggedEvent> recent(String type, int limit) {
        synchronized (latest) {
            ArrayDeque<LoggedEvent> kept = latest.get(type);
            List<LoggedEvent> out = new ArrayList<>();
            if (kept != null) {
                var newestFirst = kept.descendingIterator();
                while (newestFirst.hasNext() && out.size() < limit) {
                    out.add(newestFirst.next());
                }
            }
            return out;
        }
    }

    void record(String type, PeerCredentials who, String object, Map<String, Object> details) {
        LoggedEvent event = new LoggedEvent(clock.instant(), type, who.pid(), who.uid(), who.command(), object, details);
        synchronized (latest) {
            ArrayDeque<LoggedEvent> kept = latest.computeIfAbsent(type, t -> new ArrayDeque<>());
            if (kept.size() == KEPT_PER_TYPE) {
                kept.removeFirst();
            }
            kept.addLast(event);
        }
        sink.accept(event);
    }
}
