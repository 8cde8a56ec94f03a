package io.shmward.server.compositor.seat;

import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.MessageSpec;
import io.shmward.protocol.spec.Protocol;

/** The interfaces of this package, resolved by name from the vendored XML. */
final class SeatProtocol {
    static final InterfaceSpec WL_SEAT = Protocol.standard().get("wl_seat");
    static final InterfaceSpec WL_DATA_DEVICE_MANAGER = Protocol.standard().get("wl_data_device_manager");
    static final InterfaceSpec WL_DATA_SOURCE = Protocol.standard().get("wl_data_source");

    static final MessageSpec SEAT_CAPABILITIES = WL_SEAT.event("capabilities");
    static final MessageSpec SEAT_NAME = WL_SEAT.event("name");
    static final MessageSpec DATA_SOURCE_CANCELLED = WL_DATA_SOURCE.event("cancelled");

    private SeatProtocol() {
    }
}
