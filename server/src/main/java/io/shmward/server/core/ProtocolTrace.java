package io.shmward.server.core;

import io.shmward.protocol.spec.MessageSpec;
import io.shmward.protocol.wire.Message;
import io.shmward.protocol.wire.MessageFormatter;
import io.shmward.protocol.wire.WaylandRequest;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The {@code --trace} / {@code WAYLAND_DEBUG=server} switch: every request and event in libwayland's format. */
public interface ProtocolTrace {
    /** Request {@code spec} to object {@code objectId}; turned into a {@link Message} only when printed. */
    void request(Client client, int objectId, MessageSpec spec, WaylandRequest request);

    void event(Client client, Message event);

    ProtocolTrace OFF = new ProtocolTrace() {
        @Override
        public void request(Client client, int objectId, MessageSpec spec, WaylandRequest request) {
        }

        @Override
        public void event(Client client, Message event) {
        }
    };

    /** Prints to {@code out}, one line per message, as libwayland-server does to stderr. */
    static ProtocolTrace printingTo(PrintStream out) {
        return new ProtocolTrace() {
            @Override
            public void request(Client client, int objectId, MessageSpec spec, WaylandRequest request) {
                out.println(MessageFormatter.format(Message.ofRequest(objectId, spec, request), false,
                        client.objects(), micros()));
            }

            @Override
            public void event(Client client, Message event) {
                out.println(MessageFormatter.format(event, true, client.objects(), micros()));
            }

            private long micros() {
                return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
            }
        };
    }
}
