package io.shmward.client.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PendingRoundTripsTest {

    @Test
    void oldestFirstAcrossGrowthAndWrapAround() {
        PendingRoundTrips p = new PendingRoundTrips();
        long next = 0;
        long expected = 0;
        // interleave so the ring wraps before and after it grows
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < round + 2; i++) {
                p.add(next++);
            }
            assertThat(p.oldest()).isEqualTo(expected);
            for (int i = 0; i < round; i++) {
                assertThat(p.remove()).isEqualTo(expected++);
            }
        }
        while (!p.isEmpty()) {
            assertThat(p.remove()).isEqualTo(expected++);
        }
        assertThat(expected).isEqualTo(next);
    }

    @Test
    void emptyHasNoOldest() {
        PendingRoundTrips p = new PendingRoundTrips();
        assertThat(p.isEmpty()).isTrue();
        assertThatThrownBy(p::oldest).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(p::remove).isInstanceOf(IllegalStateException.class);
    }
}
