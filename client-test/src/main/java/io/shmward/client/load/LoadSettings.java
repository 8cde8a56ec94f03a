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
 */
public record LoadSettings(Path socket, int clients, int width, int height, Duration duration, Duration warmup,
                           LoadMode mode, VisibleSurface.RoleChoice roles, PoolFileKind pool) {

    public LoadSettings {
        if (clients < 1 || width < 1 || height < 1 || duration.isNegative() || duration.isZero() || warmup.isNegative()) {
            throw new IllegalArgumentException("clients, width, height and duration must be positive");
        }
    }
}
