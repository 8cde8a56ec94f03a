package io.shmward.server.compositor.seat;

import io.shmward.protocol.wire.Message;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;

/** {@code wl_data_device_manager}: makes data sources and data devices. */
final class DataDeviceManagerResource extends Resource {
    private final Seat seat;

    DataDeviceManagerResource(Seat seat, Client client, int id, int version) {
        super(client, id, SeatProtocol.WL_DATA_DEVICE_MANAGER, version);
        this.seat = seat;
    }

    @Override
    protected void onRequest(Message r) throws ProtocolError {
        switch (r.name()) {
            case "create_data_source" -> new DataSourceResource(seat, client(), r.intArg(0), version());
            case "get_data_device" -> new DataDeviceResource(seat, client(), r.intArg(0), version());
            default -> throw unhandled(r);
        }
    }
}
