package io.shmward.client.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaceScheduleTest {

    @Test
    void clientsTakeTurnsEvenlySpreadOverOneInterval() {
        // 4 clients at 10/s: each every 100 ms, one of them every 25 ms
        PaceSchedule s = new PaceSchedule(1_000, 4, 10);
        assertThat(s.client(0)).isZero();
        assertThat(s.client(3)).isEqualTo(3);
        assertThat(s.client(4)).isZero();
        assertThat(s.dueNanos(0)).isEqualTo(1_000);
        assertThat(s.dueNanos(1)).isEqualTo(1_000 + 25_000_000);
        assertThat(s.dueNanos(4) - s.dueNanos(0)).isEqualTo(100_000_000); // client 0's next
    }

    @Test
    void aThousandClientsAtTenPerSecondMakeTenThousandSendsInASecond() {
        PaceSchedule s = new PaceSchedule(0, 1000, 10);
        assertThat(s.dueNanos(10_000)).isEqualTo(1_000_000_000L);
        assertThat(s.dueNanos(9_999)).isLessThan(1_000_000_000L);
        // no drift over an hour of sends
        assertThat(s.dueNanos(36_000_000L)).isEqualTo(3_600_000_000_000L);
    }

    @Test
    void needsClientsAndARate() {
        assertThatThrownBy(() -> new PaceSchedule(0, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaceSchedule(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
