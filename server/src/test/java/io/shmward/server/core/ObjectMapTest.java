package io.shmward.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The id rules: dense client ids, freed ids reusable, the server half apart, libwayland's map bound. */
class ObjectMapTest {

    @Test
    void newClientIdsAreTheNextOneOnlyAndStayBelowLibwaylandsMapBound() {
        ObjectMap map = new ObjectMap();
        assertThat(map.isValidNewClientId(1)).isTrue();
        assertThat(map.isValidNewClientId(2)).as("skips id 1").isFalse();
        assertThat(map.isValidNewClientId(0)).isFalse();
        assertThat(map.isValidNewClientId(ObjectMap.SERVER_ID_START)).isFalse();
        assertThat(map.isValidNewClientId(0x00f00001)).as("past WL_MAP_MAX_OBJECTS").isFalse();
        assertThat(map.allocateServerId()).isEqualTo(ObjectMap.SERVER_ID_START);
    }
}
