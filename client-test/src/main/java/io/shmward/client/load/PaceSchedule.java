package io.shmward.client.load;

/**
 * When each paced round trip is due. Every client sends {@code rate} per second, and the clients' sends are
 * spread evenly over one interval rather than all at its start, so the compositor sees a steady stream and
 * not a burst of N every interval. Numbering all sends of all clients in order from 0, send {@code k} is
 * client {@code k mod N}'s, due {@code k} gaps of {@code 1 / (rate × N)} seconds after the start.
 */
record PaceSchedule(long startNanos, int clients, double rate) {

    PaceSchedule {
        if (clients < 1 || !(rate > 0)) {
            throw new IllegalArgumentException("a schedule needs clients and a positive rate");
        }
    }

    /** The client whose send {@code k} is. */
    int client(long k) {
        return (int) (k % clients);
    }

    /** When send {@code k} is due (System.nanoTime). */
    long dueNanos(long k) {
        return startNanos + Math.round(k * 1e9 / (rate * clients));
    }
}
