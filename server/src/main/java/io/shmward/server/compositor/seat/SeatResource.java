package io.shmward.server.compositor.seat;

import io.shmward.protocol.wayland.WlSeat;
import io.shmward.protocol.wayland.WlSeat.GetKeyboard;
import io.shmward.protocol.wayland.WlSeat.GetPointer;
import io.shmward.protocol.wayland.WlSeat.GetTouch;
import io.shmward.protocol.wayland.WlSeat.Release;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;

/**
 * {@code wl_seat}: announces no capabilities and its name. The seat has never had a pointer, keyboard or
 * touch device, so asking for one is the protocol violation the spec names (missing_capability).
 */
final class SeatResource extends Resource<WlSeat.Request> {

    SeatResource(Client client, int id, int version) {
        super(client, id, WlSeat.TYPE, version);
        send(SeatProtocol.SEAT_CAPABILITIES, 0);
        send(SeatProtocol.SEAT_NAME, Seat.NAME);
    }

    @Override
    protected void onRequest(WlSeat.Request request) throws ProtocolError {
        switch (request) {
            case GetPointer(_) -> throw missingCapability("pointer");
            case GetKeyboard(_) -> throw missingCapability("keyboard");
            case GetTouch(_) -> throw missingCapability("touch");
            case Release() -> destroy();
        }
    }

    private ProtocolError missingCapability(String device) {
        return ProtocolError.on(this, "missing_capability",
                "wl_seat.get_" + device + " on a seat that never had the " + device + " capability");
    }
}
