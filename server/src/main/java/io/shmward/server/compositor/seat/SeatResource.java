package io.shmward.server.compositor.seat;

import io.shmward.protocol.wire.Message;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;

/**
 * {@code wl_seat}: announces no capabilities and its name. The seat has never had a pointer, keyboard or
 * touch device, so asking for one is the protocol violation the spec names (missing_capability).
 */
final class SeatResource extends Resource {

    SeatResource(Client client, int id, int version) {
        super(client, id, SeatProtocol.WL_SEAT, version);
        send(SeatProtocol.SEAT_CAPABILITIES, 0);
        send(SeatProtocol.SEAT_NAME, Seat.NAME);
    }

    @Override
    protected void onRequest(Message r) throws ProtocolError {
        switch (r.name()) {
            case "get_pointer", "get_keyboard", "get_touch" -> throw ProtocolError.on(this, "missing_capability",
                    "wl_seat." + r.name() + " on a seat that never had the " + r.name().substring(4) + " capability");
            case "release" -> destroy();
            default -> throw unhandled(r);
        }
    }
}
