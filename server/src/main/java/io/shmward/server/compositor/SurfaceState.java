package io.shmward.server.compositor;

import io.shmward.server.core.CallbackResource;
import io.shmward.server.shm.BufferResource;
import java.util.ArrayList;
import java.util.List;

/** One copy of a surface's double-buffered state: what the client set since the last commit, or what is in force. */
final class SurfaceState {
    /** True when attach was called: a null {@link #buffer} then means "remove the content". */
    boolean bufferAttached;
    BufferResource buffer;
    int dx;
    int dy;
    /** Damage in surface coordinates and in buffer coordinates, kept as bounding boxes. */
    Rect surfaceDamage = Rect.EMPTY;
    Rect bufferDamage = Rect.EMPTY;
    final List<CallbackResource> frameCallbacks = new ArrayList<>();
    Rect opaqueRegion;
    Rect inputRegion;
    boolean opaqueSet;
    boolean inputSet;
    int transform;
    int scale = 1;
    boolean transformSet;
    boolean scaleSet;

    /** Moves everything set in {@code from} into this state and resets {@code from} to "nothing set". */
    void takeFrom(SurfaceState from) {
        if (from.bufferAttached) {
            bufferAttached = true;
            buffer = from.buffer;
        }
        dx += from.dx;
        dy += from.dy;
        surfaceDamage = surfaceDamage.union(from.surfaceDamage);
        bufferDamage = bufferDamage.union(from.bufferDamage);
        if (!from.frameCallbacks.isEmpty()) { // addAll copies its argument into an array even when it is empty
            frameCallbacks.addAll(from.frameCallbacks);
        }
        if (from.opaqueSet) {
            opaqueRegion = from.opaqueRegion;
            opaqueSet = true;
        }
        if (from.inputSet) {
            inputRegion = from.inputRegion;
            inputSet = true;
        }
        if (from.transformSet) {
            transform = from.transform;
            transformSet = true;
        }
        if (from.scaleSet) {
            scale = from.scale;
            scaleSet = true;
        }
        from.clear();
    }

    void clear() {
        bufferAttached = false;
        buffer = null;
        dx = 0;
        dy = 0;
        surfaceDamage = Rect.EMPTY;
        bufferDamage = Rect.EMPTY;
        frameCallbacks.clear();
        opaqueSet = false;
        inputSet = false;
        transformSet = false;
        scaleSet = false;
    }
}
