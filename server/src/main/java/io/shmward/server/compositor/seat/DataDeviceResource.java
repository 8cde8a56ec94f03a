package io.shmward.server.compositor.seat;

import io.shmward.protocol.wayland.WlDataDevice;
import io.shmward.protocol.wayland.WlDataDevice.Release;
import io.shmward.protocol.wayland.WlDataDevice.SetSelection;
import io.shmward.protocol.wayland.WlDataDevice.StartDrag;
import io.shmward.server.compositor.SurfaceResource;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;

/**
 * {@code wl_data_device}: sets the seat's selection. Drags need a pointer grab, which a seat without a
 * pointer never has, so start_drag is checked and then refused by cancelling its source.
 */
final class DataDeviceResource extends Resource<WlDataDevice.Request> {
    private final Seat seat;

    DataDeviceResource(Seat seat, Client client, int id, int version) {
        super(client, id, WlDataDevice.TYPE, version);
        this.seat = seat;
    }

    @Override
    protected void onRequest(WlDataDevice.Request request) throws ProtocolError {
        switch (request) {
            case SetSelection(var source, _) -> setSelection(source(source));
            case StartDrag(var source, _, var icon, _) ->
                    startDrag(source(source), (SurfaceResource) client().objects().get(icon));
            case Release() -> destroy();
        }
    }

    private void setSelection(DataSourceResource source) throws ProtocolError {
        if (source != null) {
            source.use(this, true);
        }
        seat.setSelection(source);
    }

    private void startDrag(DataSourceResource source, SurfaceResource icon) throws ProtocolError {
        if (icon != null && (icon.role() != null || icon.roleName() != null)) {
            throw ProtocolError.on(this, "role", icon + " already has a role");
        }
        if (source != null) {
            source.use(this, false);
            source.sendCancelled();
        }
    }

    private DataSourceResource source(int id) {
        return id == 0 ? null : (DataSourceResource) client().objects().get(id);
    }
}
