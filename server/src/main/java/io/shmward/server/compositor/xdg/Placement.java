package io.shmward.server.compositor.xdg;

/** Where a popup goes, relative to its parent's window geometry: the rectangle xdg_popup.configure sends. */
record Placement(int x, int y, int width, int height) {
}
