package io.shmward.server.core;

import io.shmward.protocol.wire.Message;
import io.shmward.protocol.wire.MessageFormatter;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The {@code --trace} / {@code WAYLAND_DEBUG=server} switch: every request and event in libwayland's format. */
public interface ProtocolTrace {
    void request(Client client, Message request);

    void event(Client client, Message event);

    ProtocolTrace OFF = new ProtocolTrace() {
        @Override
        public void request(Client client, Message request) {
        }

        @Override
        public void event(Client client, Message event) {
        }
    };

    /** Prints to {@code out}, one line per message, as libwayland-server does to stderr. */
    static ProtocolTrace printingTo(PrintStream out) {
        return new ProtocolTrace() {
            @Override
            public void request(Client client, Message request) {
                out.println(MessageFormatter.format(request, false, client.objects(), micros()));
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
