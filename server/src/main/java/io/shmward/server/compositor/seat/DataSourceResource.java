package io.shmward.server.compositor.seat;

import io.shmward.protocol.spec.EnumSpec;
import io.shmward.protocol.wayland.WlDataSource;
import io.shmward.protocol.wayland.WlDataSource.Destroy;
import io.shmward.protocol.wayland.WlDataSource.Offer;
import io.shmward.protocol.wayland.WlDataSource.SetActions;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wl_data_source}: the mime types a client offers. A source serves one selection or one drag, once;
 * one that set drag-and-drop actions serves drags only.
 */
public final class DataSourceResource extends Resource<WlDataSource.Request> {
    private static final EnumSpec DND_ACTIONS =
            SeatProtocol.WL_DATA_DEVICE_MANAGER.enumeration("dnd_action");

    /**
     * Mime types one source may offer; past it, no_memory. Toolkits offer a few dozen at most (text in its
     * encodings, images in their formats); without a bound a client could grow the list without end.
     */
    static final int MAX_MIME_TYPES = 256;

    private final Seat seat;
    private final List<String> mimeTypes = new ArrayList<>();
    private boolean actionsSet;
    private boolean used;

    DataSourceResource(Seat seat, Client client, int id, int version) {
        super(client, id, WlDataSource.TYPE, version);
        this.seat = seat;
    }

    /** The offered mime types, in the order offered. */
    public List<String> mimeTypes() {
        return List.copyOf(mimeTypes);
    }

    @Override
    protected void onRequest(WlDataSource.Request request) throws ProtocolError {
        switch (request) {
            case Offer(var mimeType) -> offer(mimeType);
            case SetActions(var dndActions) -> setActions(dndActions);
            case Destroy() -> destroy();
        }
    }

    private void offer(String mimeType) throws ProtocolError {
        if (mimeTypes.size() >= MAX_MIME_TYPES) {
            throw ProtocolError.limitExceeded("limit of " + MAX_MIME_TYPES + " mime types on " + this);
        }
        mimeTypes.add(mimeType);
    }

    private void setActions(int actions) throws ProtocolError {
        if (!DND_ACTIONS.contains(Integer.toUnsignedLong(actions))) {
            throw ProtocolError.on(this, "invalid_action_mask", "dnd actions 0x" + Integer.toHexString(actions)
                    + " are not wl_data_device_manager.dnd_action values");
        }
        if (actionsSet) {
            throw ProtocolError.on(this, "invalid_action_mask", "set_actions may be sent only once");
        }
        if (used) {
            throw ProtocolError.on(this, "invalid_source", "set_actions after the source was used");
        }
        actionsSet = true;
    }

    /**
     * Marks the source used by {@code device}: a second use is wl_data_device.used_source; a source with
     * drag-and-drop actions used for a selection is wl_data_source.invalid_source.
     */
    void use(DataDeviceResource device, boolean forSelection) throws ProtocolError {
        if (used) {
            throw ProtocolError.on(device, "used_source", this + " was already used");
        }
        if (forSelection && actionsSet) {
            throw ProtocolError.on(this, "invalid_source", this + " has drag-and-drop actions; it cannot be a selection");
        }
        used = true;
    }

    void sendCancelled() {
        send(SeatProtocol.DATA_SOURCE_CANCELLED);
    }

    @Override
    protected void onDestroy() {
        seat.sourceDestroyed(this);
    }
}
