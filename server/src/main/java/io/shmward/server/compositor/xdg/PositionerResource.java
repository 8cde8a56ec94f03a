package io.shmward.server.compositor.xdg;

import io.shmward.protocol.spec.EnumSpec;
import io.shmward.protocol.wire.Message;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;
import java.util.Map;

/**
 * {@code xdg_positioner}: the rules that place a popup. Placement here is the unconstrained one (anchor
 * point, gravity, offset): the output is large and a test compositor has nothing to slide or flip around.
 */
final class PositionerResource extends Resource {
    private static final EnumSpec ANCHOR = XdgProtocol.XDG_POSITIONER.enumeration("anchor");
    private static final EnumSpec GRAVITY = XdgProtocol.XDG_POSITIONER.enumeration("gravity");

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

    PositionerResource(Client client, int id, int version) {
        super(client, id, XdgProtocol.XDG_POSITIONER, version);
    }

    @Override
    protected void onRequest(Message r) throws ProtocolError {
        switch (r.name()) {
            case "destroy" -> destroy();
            case "set_size" -> setSize(r.intArg(0), r.intArg(1));
            case "set_anchor_rect" -> setAnchorRect(r.intArg(0), r.intArg(1), r.intArg(2), r.intArg(3));
            case "set_anchor" -> anchor = entry(ANCHOR, r.intArg(0));
            case "set_gravity" -> gravity = entry(GRAVITY, r.intArg(0));
            case "set_offset" -> {
                offsetX = r.intArg(0);
                offsetY = r.intArg(1);
            }
            case "set_constraint_adjustment", "set_reactive", "set_parent_size", "set_parent_configure" -> {
                // constraint rules only matter when a popup would leave the output, which placement ignores
            }
            default -> throw unhandled(r);
        }
    }

    /** Complete, as get_popup and reposition require: a size and an anchor rectangle were set. */
    boolean isComplete() {
        return width > 0 && anchorRectSet;
    }

    /** The popup's rectangle relative to the parent's window geometry. */
    Placement placement() {
        int ax = anchorX + (anchor.contains("left") ? 0 : anchor.contains("right") ? anchorWidth : anchorWidth / 2);
        int ay = anchorY + (anchor.contains("top") ? 0 : anchor.contains("bottom") ? anchorHeight : anchorHeight / 2);
        int x = gravity.contains("left") ? ax - width : gravity.contains("right") ? ax : ax - width / 2;
        int y = gravity.contains("top") ? ay - height : gravity.contains("bottom") ? ay : ay - height / 2;
        return new Placement(x + offsetX, y + offsetY, width, height);
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
