package io.shmward.server.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.PoolFileKind;
import io.shmward.client.VisibleSurface;
import io.shmward.client.load.LoadGenerator;
import io.shmward.client.load.LoadMode;
import io.shmward.client.load.LoadResult;
import io.shmward.client.load.LoadSettings;
import io.shmward.server.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The load generator against Shmward, briefly: it must measure work done and meet no error. */
class LoadGeneratorTest {

    @ParameterizedTest
    @EnumSource(value = LoadMode.class, names = {"COMMIT", "SYNC"})
    void twoClientsForASecondDoWorkWithoutErrors(LoadMode mode) throws Exception {
        try (TestServer server = TestServer.start()) {
            LoadSettings settings = new LoadSettings(server.socket(), 2, 64, 64, Duration.ofSeconds(1),
                    Duration.ofMillis(200), mode, VisibleSurface.RoleChoice.AUTO, PoolFileKind.SEALED);
            LoadResult result = LoadGenerator.run(settings, "test");
            assertThat(result.errors()).isEmpty();
            assertThat(result.operations()).isPositive();
            assertThat(result.perSecond()).isPositive();
            assertThat(result.latency().getTotalCount()).isEqualTo(result.operations());
            assertThat(result.percentileMicros(50)).isPositive();
            assertThat(result.json()).contains("\"operations\" : " + result.operations());
        }
    }

    @ParameterizedTest
    @EnumSource(PoolFileKind.class)
    void commitModeUsesThePoolFilesAskedFor(PoolFileKind pool) throws Exception {
        try (TestServer server = TestServer.start()) {
            LoadSettings settings = new LoadSettings(server.socket(), 1, 64, 64, Duration.ofMillis(500),
                    Duration.ofMillis(100), LoadMode.COMMIT, VisibleSurface.RoleChoice.AUTO, pool);
            LoadResult result = LoadGenerator.run(settings, "test");
            assertThat(result.errors()).isEmpty();
            assertThat(result.operations()).isPositive();
            boolean sealed = pool == PoolFileKind.SEALED;
            assertThat(server.meter("shmward.shm.pools.opened", "sealed", Boolean.toString(sealed))).isEqualTo(1);
            assertThat(server.meter("shmward.shm.pools.opened", "sealed", Boolean.toString(!sealed))).isZero();
        }
    }
}
