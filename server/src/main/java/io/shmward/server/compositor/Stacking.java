package io.shmward.server.compositor;

import java.util.ArrayList;
import java.util.List;

/**
 * A parent surface's z-order of itself and its sub-surfaces, bottom first. Double-buffered like the rest of
 * the parent's state: requests edit the pending order at once, the parent's next applied state copies it.
 * Removal (a sub-surface destroyed) takes effect in both at once, as the protocol says.
 */
final class Stacking {
    private final List<SurfaceResource> pending = new ArrayList<>();
    private List<SurfaceResource> current;
    /** The pending order differs from the current one: the next apply copies it (most commits change nothing). */
    private boolean edited;

    Stacking(SurfaceResource parent) {
        pending.add(parent);
        current = List.copyOf(pending);
    }

    /** A new sub-surface goes on top of its parent and siblings. */
    void add(SurfaceResource child) {
        pending.add(child);
        edited = true;
    }

    void remove(SurfaceResource child) {
        pending.remove(child);
        edited = true;
        if (current.contains(child)) {
            List<SurfaceResource> without = new ArrayList<>(current);
            without.remove(child);
            current = List.copyOf(without);
        }
    }

    /**
     * Moves {@code child} just above or below {@code reference}; false when the reference is neither the
     * parent nor a sibling (including the child itself).
     */
    boolean place(SurfaceResource child, SurfaceResource reference, boolean above) {
        if (reference == child || !pending.contains(reference)) {
            return false;
        }
        pending.remove(child);
        int at = pending.indexOf(reference);
        pending.add(above ? at + 1 : at, child);
        edited = true;
        return true;
    }

    void apply() {
        if (edited) {
            current = List.copyOf(pending);
            edited = false;
        }
    }

    /** Whether any sub-surface is attached, applied or not. */
    boolean hasChildren() {
        return pending.size() > 1;
    }

    /** Whether the order in force holds any sub-surface. */
    boolean hasCurrentChildren() {
        return current.size() > 1;
    }

    /** The order in force, bottom first, the parent included. */
    List<SurfaceResource> current() {
        return current;
    }

    /** Every attached sub-surface, applied or not. */
    List<SurfaceResource> children(SurfaceResource parent) {
        List<SurfaceResource> out = new ArrayList<>(pending);
        out.remove(parent);
        return out;
    }
}
