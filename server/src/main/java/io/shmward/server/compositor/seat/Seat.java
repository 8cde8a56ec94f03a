package io.shmward.server.compositor.seat;

import io.shmward.server.core.Globals;

/**
 * The one seat: registers {@code wl_seat} and {@code wl_data_device_manager}, and keeps the seat's
 * selection (the data source last set by {@code wl_data_device.set_selection}).
 */
public final class Seat {
    /** wl_seat version 9, the highest in the vendored wayland.xml: every request of it is handled. */
    static final int VERSION = 9;
    /** wl_data_device_manager version 3, the highest in the vendored wayland.xml. */
    static final int DATA_DEVICE_MANAGER_VERSION = 3;
    static final String NAME = "seat0";

    private DataSourceResource selection;

    private Seat() {
    }

    public static Seat register(Globals globals) {
        Seat seat = new Seat();
        globals.add(SeatProtocol.WL_SEAT, VERSION, SeatResource::new);
        globals.add(SeatProtocol.WL_DATA_DEVICE_MANAGER, DATA_DEVICE_MANAGER_VERSION,
                (client, id, version) -> new DataDeviceManagerResource(seat, client, id, version));
        return seat;
    }

    /** The data source holding the selection, or null. */
    public DataSourceResource selection() {
        return selection;
    }

    /** {@code source} (or nothing) becomes the selection; the source it replaces is told it was cancelled. */
    void setSelection(DataSourceResource source) {
        DataSourceResource previous = selection;
        selection = source;
        if (previous != null && previous != source) {
            previous.sendCancelled();
        }
    }

    void sourceDestroyed(DataSourceResource source) {
        if (selection == source) {
            selection = null;
        }
    }
}
