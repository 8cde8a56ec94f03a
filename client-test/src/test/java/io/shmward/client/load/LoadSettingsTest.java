package io.shmward.client.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmward.client.PoolFileKind;
import io.shmward.client.VisibleSurface;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadSettingsTest {

    private static LoadSettings settings(LoadMode mode, double rate) {
        return new LoadSettings(Path.of("/nowhere"), 1, 1, 1, Duration.ofSeconds(1), Duration.ZERO, mode,
                VisibleSurface.RoleChoice.AUTO, PoolFileKind.SEALED, rate);
    }

    @Test
    void aRatePacesSyncModeOnly() {
        assertThat(settings(LoadMode.SYNC, 10).paced()).isTrue();
        assertThat(settings(LoadMode.COMMIT, 0).paced()).isFalse();
        assertThatThrownBy(() -> settings(LoadMode.COMMIT, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings(LoadMode.IDLE, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRateIsFiniteAndNotNegative() {
        assertThatThrownBy(() -> settings(LoadMode.SYNC, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings(LoadMode.SYNC, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings(LoadMode.SYNC, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
