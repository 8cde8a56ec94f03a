package io.shmward.server.compositor.xdg;

import io.shmward.protocol.spec.EnumSpec;
import io.shmward.protocol.xdgshell.XdgPositioner;
import io.shmward.protocol.xdgshell.XdgPositioner.Destroy;
import io.shmward.protocol.xdgshell.XdgPositioner.SetAnchor;
import io.shmward.protocol.xdgshell.XdgPositioner.SetAnchorRect;
import io.shmward.protocol.xdgshell.XdgPositioner.SetConstraintAdjustment;
import io.shmward.protocol.xdgshell.XdgPositioner.SetGravity;
import io.shmward.protocol.xdgshell.XdgPositioner.SetOffset;
import io.shmward.protocol.xdgshell.XdgPositioner.SetParentConfigure;
import io.shmward.protocol.xdgshell.XdgPositioner.SetParentSize;
import io.shmward.protocol.xdgshell.XdgPositioner.SetReactive;
import io.shmward.protocol.xdgshell.XdgPositioner.SetSize;
import io.shmward.server.compositor.Rect;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;
import java.util.Map;

/**
 * {@code xdg_positioner}: the rules that place a popup: anchor point, gravity and offset, then the
 * constraint adjustments (flip, slide, resize) that keep it on the output where the client allows them.
 */
final class PositionerResource extends Resource<XdgPositioner.Request> {
    private static final EnumSpec ANCHOR = XdgProtocol.XDG_POSITIONER.enumeration("anchor");
    private static final EnumSpec GRAVITY = XdgProtocol.XDG_POSITIONER.enumeration("gravity");
    private static final EnumSpec ADJUSTMENT = XdgProtocol.XDG_POSITIONER.enumeration("constraint_adjustment");

    private int width;
    private int height;
    private boolean anchorRectSet;
    private int anchorX;
    private int anchorY;
    private int anchorWidth;
    private int anchorHeight;
    private String anchor = "none";
    private String gravity = "none";
    private int offsetX;
    private int offsetY;
    private int adjustment;

    PositionerResource(Client client, int id, int version) {
        super(client, id, XdgPositioner.TYPE, version);
    }

    @Override
    protected void onRequest(XdgPositioner.Request request) throws ProtocolError {
        switch (request) {
            case Destroy() -> destroy();
            case SetSize(var w, var h) -> setSize(w, h);
            case SetAnchorRect(var x, var y, var w, var h) -> setAnchorRect(x, y, w, h);
            case SetAnchor(var value) -> anchor = entry(ANCHOR, value);
            case SetGravity(var value) -> gravity = entry(GRAVITY, value);
            case SetOffset(var x, var y) -> {
                offsetX = x;
                offsetY = y;
            }
            case SetConstraintAdjustment(var value) -> adjustment = value;
            case SetReactive(), SetParentSize(_, _), SetParentConfigure(_) -> {
                // a parent here never moves or resizes under its popups, so there is nothing to react to
            }
        }
    }

    /** Complete, as get_popup and reposition require: a size and an anchor rectangle were set. */
    boolean isComplete() {
        return width > 0 && anchorRectSet;
    }

    /**
     * The popup's rectangle relative to the parent's window geometry, kept within {@code bounds} (the
     * output, in the same coordinates) as far as the constraint adjustments allow.
     */
    Placement placement(Rect bounds) {
        int[] x = axis(anchorX, anchorWidth, "left", "right", offsetX, width, "flip_x", "slide_x", "resize_x")
                .place((int) bounds.x(), (int) bounds.width());
        int[] y = axis(anchorY, anchorHeight, "top", "bottom", offsetY, height, "flip_y", "slide_y", "resize_y")
                .place((int) bounds.y(), (int) bounds.height());
        return new Placement(x[0], y[0], x[1], y[1]);
    }

    private PlacementAxis axis(int anchorStart, int anchorLength, String low, String high, int offset, int size,
                               String flip, String slide, String resize) {
        return new PlacementAxis(anchorStart, anchorLength, side(anchor, low, high), side(gravity, low, high), offset,
                size, adjusts(flip), adjusts(slide), adjusts(resize));
    }

    /** The side an anchor or gravity name ("top_left", "bottom", "none"...) names on one axis. */
    private static PlacementAxis.Side side(String name, String low, String high) {
        return name.contains(low) ? PlacementAxis.Side.LOW
                : name.contains(high) ? PlacementAxis.Side.HIGH : PlacementAxis.Side.CENTER;
    }

    private boolean adjusts(String entry) {
        return (adjustment & ADJUSTMENT.value(entry)) != 0;
    }

    private void setSize(int w, int h) throws ProtocolError {
        if (w <= 0 || h <= 0) {
            throw ProtocolError.on(this, "invalid_input", "positioner size " + w + "x" + h + " must be positive");
        }
        width = w;
        height = h;
    }

    private void setAnchorRect(int x, int y, int w, int h) throws ProtocolError {
        if (w < 0 || h < 0) {
            throw ProtocolError.on(this, "invalid_input", "anchor rectangle size " + w + "x" + h + " is negative");
        }
        anchorRectSet = true;
        anchorX = x;
        anchorY = y;
        anchorWidth = w;
        anchorHeight = h;
    }

    private String entry(EnumSpec spec, int value) throws ProtocolError {
        for (Map.Entry<String, Long> e : spec.entries().entrySet()) {
            if (e.getValue() == Integer.toUnsignedLong(value)) {
                return e.getKey();
            }
        }
        throw ProtocolError.on(this, "invalid_input", Integer.toUnsignedString(value) + " is not an xdg_positioner."
                + spec.name() + " value");
    }
}
