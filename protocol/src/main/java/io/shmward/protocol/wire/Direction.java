package io.shmward.protocol.wire;

import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.MessageSpec;
import java.util.List;

/** Which message table a peer reads: a server decodes requests, a client decodes events. */
public enum Direction {
    REQUESTS, EVENTS;

    public List<MessageSpec> messagesOf(InterfaceSpec spec) {
        return this == REQUESTS ? spec.requests() : spec.events();
    }
}
