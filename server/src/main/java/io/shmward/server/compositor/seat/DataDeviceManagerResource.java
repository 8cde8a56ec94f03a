package io.shmward.server.compositor.seat;

import io.shmward.protocol.wayland.WlDataDeviceManager;
import io.shmward.protocol.wayland.WlDataDeviceManager.CreateDataSource;
import io.shmward.protocol.wayland.WlDataDeviceManager.GetDataDevice;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;

/** {@code wl_data_device_manager}: makes data sources and data devices. */
final class DataDeviceManagerResource extends Resource<WlDataDeviceManager.Request> {
    private final Seat seat;

    DataDeviceManagerResource(Seat seat, Client client, int id, int version) {
        super(client, id, WlDataDeviceManager.TYPE, version);
        this.seat = seat;
    }

    @Override
    protected void onRequest(WlDataDeviceManager.Request request) {
        switch (request) {
            case CreateDataSource(var id) -> new DataSourceResource(seat, client(), id, version());
            case GetDataDevice(var id, _) -> new DataDeviceResource(seat, client(), id, version());
        }
    }
}
