/**
 * The seat a headless compositor offers: {@code wl_seat} "seat0" with no input capabilities (so its
 * get_pointer, get_keyboard and get_touch are the spec's missing_capability error), and the clipboard
 * bookkeeping of {@code wl_data_device_manager}: data sources and their offered types, data devices, the
 * seat's selection and the cancelling of the source it replaces. No data is transferred.
 */
package io.shmward.server.compositor.seat;
