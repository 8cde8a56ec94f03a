package io.shmward.client.load;

import io.shmward.client.PoolFileKind;
import io.shmward.client.VisibleSurface;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One load run.
 *
 * @param warmup time every client runs before counting starts (the JIT of both sides settles)
 * @param roles  how commit-mode surfaces are made visible (an xdg_toplevel where offered, or no role)
 * @param pool   the commit-mode clients' pool files: sealed (a compositor may map them) or not (pread)
 * @param rate   sync round trips per second per client, paced (open loop); 0: each client's next one as soon
 *               as the last is answered (closed loop)
 */
public record LoadSettings(Path socket, int clients, int width, int height, Duration duration, Duration warmup,
                           LoadMode mode, VisibleSurface.RoleChoice roles, PoolFileKind pool, double rate) {

    public LoadSettings {
        if (clients < 1 || width < 1 || height < 1 || duration.isNegative() || duration.isZero() || warmup.isNegative()) {
            throw new IllegalArgumentException("clients, width, height and duration must be positive");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("the rate must be a finite number, 0 or more");
        }
        if (rate > 0 && mode != LoadMode.SYNC) {
            throw new IllegalArgumentException("a rate paces sync mode only");
        }
    }

    /** Closed loop: every client as fast as the compositor answers. */
    public LoadSettings(Path socket, int clients, int width, int height, Duration duration, Duration warmup,
                        LoadMode mode, VisibleSurface.RoleChoice roles, PoolFileKind pool) {
        this(socket, clients, width, height, duration, warmup, mode, roles, pool, 0);
    }

    /** True when round trips are sent on a schedule rather than back to back. */
    public boolean paced() {
        return rate > 0;
    }
}
