package io.shmward.protocol.wayland;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.MessageSpec;
import io.shmward.protocol.spec.Protocol;
import io.shmward.protocol.wire.InterfaceType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated classes and the XML read at run time describe the same requests, in the same order. */
class GeneratedTypesTest {
    private static final List<InterfaceType<?>> ALL = new ArrayList<>();

    static {
        ALL.addAll(Interfaces.ALL);
        ALL.addAll(io.shmward.protocol.xdgshell.Interfaces.ALL);
    }

    @Test
    void everyInterfaceOfTheXmlHasAGeneratedType() {
        assertThat(ALL.stream().map(InterfaceType::name))
                .containsExactlyInAnyOrderElementsOf(Protocol.standard().interfaces().stream().map(InterfaceSpec::name).toList());
    }

    @Test
    void eachRecordHasTheOpcodeAndSinceOfItsRequest() throws ReflectiveOperationException {
        for (InterfaceType<?> type : ALL) {
            InterfaceSpec spec = type.spec();
            Class<?>[] records = type.requestType().isSealed() ? type.requestType().getPermittedSubclasses() : new Class<?>[0];
            assertThat(records).as(type.name()).hasSize(spec.requests().size());
            for (Class<?> record : records) {
                MessageSpec request = spec.requests().get(record.getField("OPCODE").getInt(null));
                assertThat(record.getSimpleName().toLowerCase()).isEqualTo(request.name().replace("_", ""));
                assertThat(record.getField("SINCE").getInt(null)).isEqualTo(request.since());
                assertThat(record.getRecordComponents()).hasSize(request.args().size());
            }
        }
    }
}
