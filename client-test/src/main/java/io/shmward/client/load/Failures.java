package io.shmward.client.load;

import io.shmward.client.ConnectionClosedException;
import java.util.ArrayList;
import java.util.List;

/**
 * The clients a run lost, one line each, and how many of them the server dropped (closed their connection)
 * rather than failed to answer in time or to accept.
 */
final class Failures {
    private final List<String> errors = new ArrayList<>();
    private int dropped;

    void add(Exception e) {
        errors.add(e.toString());
        if (e instanceof ConnectionClosedException) {
            dropped++;
        }
    }

    List<String> errors() {
        return errors;
    }

    int dropped() {
        return dropped;
    }
}
