package io.shmward.protocol.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolTest {
    private final Protocol protocol = Protocol.standard();

    @Test
    void standardIsLoadedOnce() {
        assertThat(Protocol.standard()).isSameAs(protocol);
    }

    @Test
    void loadsTheCoreAndXdgShellInterfaces() {
        assertThat(protocol.interfaces()).extracting(InterfaceSpec::name)
                .contains("wl_display", "wl_registry", "wl_callback", "wl_compositor", "wl_shm_pool", "wl_shm",
                        "wl_buffer", "wl_surface", "wl_seat", "wl_output", "wl_region", "wl_subsurface",
                        "xdg_wm_base", "xdg_positioner", "xdg_surface", "xdg_toplevel", "xdg_popup")
                .doesNotHaveDuplicates();
        assertThat(protocol.get("wl_display").version()).isEqualTo(1);
        assertThat(protocol.get("wl_compositor").version()).isEqualTo(6);
        assertThat(protocol.get("wl_surface").version()).isEqualTo(6);
        assertThat(protocol.get("wl_seat").version()).isEqualTo(9);
        assertThat(protocol.find("wl_shm")).isSameAs(protocol.get("wl_shm"));
        assertThat(protocol.get("wl_shm")).hasToString("wl_shm v2");
    }

    @Test
    void wlDisplayRequestsAndEvents() {
        InterfaceSpec display = protocol.get("wl_display");
        assertThat(display.requests()).extracting(MessageSpec::name, MessageSpec::opcode)
                .containsExactly(tuple("sync", 0), tuple("get_registry", 1));
        assertThat(display.events()).extracting(MessageSpec::name, MessageSpec::opcode)
                .containsExactly(tuple("error", 0), tuple("delete_id", 1));

        MessageSpec sync = display.request("sync");
        assertThat(sync.interfaceName()).isEqualTo("wl_display");
        assertThat(sync.args()).containsExactly(new ArgSpec("callback", ArgType.NEW_ID, "wl_callback", false, null));
        assertThat(sync.args().getFirst().isUntypedNewId()).isFalse();
        assertThat(sync).hasToString("wl_display.sync");

        MessageSpec error = display.event("error");
        assertThat(error.args()).extracting(ArgSpec::type)
                .containsExactly(ArgType.OBJECT, ArgType.UINT, ArgType.STRING);
        assertThat(error.args().getFirst().interfaceName()).isNull();
    }

    @Test
    void wlDisplayErrorEnum() {
        InterfaceSpec display = protocol.get("wl_display");
        EnumSpec errors = display.enumeration("error");
        assertThat(errors.bitfield()).isFalse();
        assertThat(errors.interfaceName()).isEqualTo("wl_display");
        assertThat(errors.entries()).containsExactly(
                java.util.Map.entry("invalid_object", 0L),
                java.util.Map.entry("invalid_method", 1L),
                java.util.Map.entry("no_memory", 2L),
                java.util.Map.entry("implementation", 3L));
        assertThat(display.errorCode("invalid_object")).isZero();
        assertThat(display.errorCode("invalid_method")).isEqualTo(1);
        assertThat(display.errorCode("no_memory")).isEqualTo(2);
        assertThat(display.errorCode("implementation")).isEqualTo(3);
        assertThat(errors.contains(3)).isTrue();
        assertThat(errors.contains(4)).isFalse();
        assertThat(errors.contains(-1)).isFalse();
    }

    @Test
    void wlShmVersion2WithCreatePoolSignature() {
        InterfaceSpec shm = protocol.get("wl_shm");
        assertThat(shm.version()).isEqualTo(2);
        MessageSpec createPool = shm.request("create_pool");
        assertThat(createPool.opcode()).isZero();
        assertThat(createPool.since()).isEqualTo(1);
        assertThat(createPool.destructor()).isFalse();
        assertThat(createPool.args()).containsExactly(
                new ArgSpec("id", ArgType.NEW_ID, "wl_shm_pool", false, null),
                new ArgSpec("fd", ArgType.FD, null, false, null),
                new ArgSpec("size", ArgType.INT, null, false, null));
        assertThat(createPool.fdCount()).isEqualTo(1);
        assertThat(createPool.argIndex("fd")).isEqualTo(1);
        assertThat(createPool.argIndex("size")).isEqualTo(2);

        EnumSpec format = shm.enumeration("format");
        assertThat(format.value("argb8888")).isZero();
        assertThat(format.value("xrgb8888")).isEqualTo(1);
        assertThat(format.value("nv12")).isEqualTo(0x3231564e);
        assertThat(format.contains(0x3231564e)).isTrue();
        assertThat(format.contains(0x12345678)).isFalse();
    }

    @Test
    void wlRegistryBindIsUintAndUntypedNewId() {
        MessageSpec bind = protocol.get("wl_registry").request("bind");
        assertThat(bind.opcode()).isZero();
        assertThat(bind.args()).extracting(ArgSpec::name, ArgSpec::type, ArgSpec::interfaceName)
                .containsExactly(tuple("name", ArgType.UINT, null), tuple("id", ArgType.NEW_ID, null));
        assertThat(bind.args().get(0).isUntypedNewId()).isFalse();
        assertThat(bind.args().get(1).isUntypedNewId()).isTrue();
        assertThat(bind.fdCount()).isZero();
    }

    @Test
    void xdgWmBaseIsPresent() {
        InterfaceSpec wmBase = protocol.get("xdg_wm_base");
        assertThat(wmBase.version()).isEqualTo(5);
        assertThat(wmBase.requests()).extracting(MessageSpec::name)
                .containsExactly("destroy", "create_positioner", "get_xdg_surface", "pong");
        assertThat(wmBase.events()).extracting(MessageSpec::name).containsExactly("ping");
        assertThat(wmBase.request("get_xdg_surface").args())
                .extracting(ArgSpec::type, ArgSpec::interfaceName, ArgSpec::nullable)
                .containsExactly(tuple(ArgType.NEW_ID, "xdg_surface", false), tuple(ArgType.OBJECT, "wl_surface", false));
        assertThat(wmBase.errorCode("unresponsive")).isEqualTo(6);
    }

    @Test
    void sinceValues() {
        assertThat(protocol.get("wl_shm").request("release").since()).isEqualTo(2);
        assertThat(protocol.get("wl_shm").request("create_pool").since()).isEqualTo(1);
        assertThat(protocol.get("wl_shm_pool").request("resize").since()).isEqualTo(1);
        InterfaceSpec surface = protocol.get("wl_surface");
        assertThat(surface.request("set_buffer_transform").since()).isEqualTo(2);
        assertThat(surface.request("set_buffer_scale").since()).isEqualTo(3);
        assertThat(surface.request("damage_buffer").since()).isEqualTo(4);
        assertThat(surface.request("damage_buffer").opcode()).isEqualTo(9);
        assertThat(surface.request("offset").since()).isEqualTo(5);
        assertThat(surface.event("preferred_buffer_scale").since()).isEqualTo(6);
        assertThat(protocol.get("xdg_toplevel").event("wm_capabilities").since()).isEqualTo(5);
    }

    @Test
    void destructorFlags() {
        assertThat(protocol.get("wl_shm").request("release").destructor()).isTrue();
        assertThat(protocol.get("wl_shm_pool").request("destroy").destructor()).isTrue();
        assertThat(protocol.get("wl_surface").request("destroy").destructor()).isTrue();
        assertThat(protocol.get("xdg_toplevel").request("destroy").destructor()).isTrue();
        assertThat(protocol.get("wl_callback").event("done").destructor()).isTrue();
        assertThat(protocol.get("wl_display").request("sync").destructor()).isFalse();
        assertThat(protocol.get("wl_surface").request("commit").destructor()).isFalse();
        assertThat(protocol.get("wl_shm_pool").request("create_buffer").destructor()).isFalse();
    }

    @Test
    void nullableAndEnumAttributes() {
        InterfaceSpec surface = protocol.get("wl_surface");
        assertThat(surface.request("attach").args().getFirst().nullable()).isTrue();
        assertThat(surface.request("attach").args().get(1).nullable()).isFalse();
        assertThat(protocol.get("xdg_toplevel").request("set_title").args().getFirst().nullable()).isFalse();
        assertThat(protocol.get("wl_data_offer").request("accept").args().get(1))
                .isEqualTo(new ArgSpec("mime_type", ArgType.STRING, null, true, null));
        assertThat(protocol.get("wl_shm_pool").request("create_buffer").args().getLast().enumName())
                .isEqualTo("wl_shm.format");
        assertThat(protocol.get("xdg_toplevel").request("resize").args().getLast().enumName())
                .isEqualTo("resize_edge");
    }

    @Test
    void bitfieldContainsCombinationsOnly() {
        EnumSpec capability = protocol.get("wl_seat").enumeration("capability");
        assertThat(capability.bitfield()).isTrue();
        assertThat(capability.contains(0)).isTrue();
        assertThat(capability.contains(1)).isTrue();
        assertThat(capability.contains(1 | 4)).isTrue();
        assertThat(capability.contains(7)).isTrue();
        assertThat(capability.contains(8)).isFalse();
        assertThat(capability.contains(9)).isFalse();
        assertThat(capability.contains(0xffffffffL)).isFalse();

        EnumSpec mode = protocol.get("wl_output").enumeration("mode");
        assertThat(mode.bitfield()).isTrue();
        assertThat(mode.value("current")).isEqualTo(1);
        assertThat(mode.contains(3)).isTrue();
        assertThat(mode.contains(4)).isFalse();

        // A plain enum is not a bitfield: 5 is an entry (top_left), 3 is not, although 1|2 are entries.
        EnumSpec edges = protocol.get("xdg_toplevel").enumeration("resize_edge");
        assertThat(edges.bitfield()).isFalse();
        assertThat(edges.contains(5)).isTrue();
        assertThat(edges.contains(3)).isFalse();
    }

    @Test
    void enumEntriesKeepXmlOrderAndAreUnmodifiable() {
        EnumSpec state = protocol.get("xdg_toplevel").enumeration("state");
        assertThat(state.entries().keySet()).startsWith("maximized", "fullscreen", "resizing", "activated");
        assertThatThrownBy(() -> state.entries().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownNamesThrowIllegalArgumentException() {
        assertThatThrownBy(() -> protocol.get("wl_nonexistent"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wl_nonexistent");
        assertThat(protocol.find("wl_nonexistent")).isNull();
        InterfaceSpec shm = protocol.get("wl_shm");
        assertThatThrownBy(() -> shm.request("destroy"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wl_shm").hasMessageContaining("destroy");
        assertThatThrownBy(() -> shm.event("release")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> shm.enumeration("colour")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> shm.errorCode("no_such_error")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> protocol.get("wl_callback").errorCode("x"))
                .as("wl_callback has no error enum at all").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> shm.request("create_pool").argIndex("offset"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArgType.fromXml("float")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Protocol.load("no-such-protocol.xml")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void argTypeXmlNamesRoundTrip() {
        for (ArgType t : ArgType.values()) {
            assertThat(ArgType.fromXml(t.xmlName())).isSameAs(t);
        }
    }

    @Test
    void everySpecIsSelfConsistent() {
        List<String> problems = new ArrayList<>();
        for (InterfaceSpec iface : protocol.interfaces()) {
            for (List<MessageSpec> table : List.of(iface.requests(), iface.events())) {
                for (int i = 0; i < table.size(); i++) {
                    MessageSpec m = table.get(i);
                    if (m.opcode() != i) {
                        problems.add(m + " has opcode " + m.opcode() + " at index " + i);
                    }
                    if (!m.interfaceName().equals(iface.name())) {
                        problems.add(m + " claims interface " + m.interfaceName());
                    }
                    if (m.since() < 1 || m.since() > iface.version()) {
                        problems.add(m + " since " + m.since() + " outside 1.." + iface.version());
                    }
                    for (ArgSpec a : m.args()) {
                        if (a.interfaceName() != null && protocol.find(a.interfaceName()) == null) {
                            problems.add(m + "." + a.name() + " names unknown interface " + a.interfaceName());
                        }
                        if (a.interfaceName() != null && a.type() != ArgType.OBJECT && a.type() != ArgType.NEW_ID) {
                            problems.add(m + "." + a.name() + " has an interface but is " + a.type());
                        }
                        if (a.enumName() != null) {
                            String owner = a.enumName().contains(".")
                                    ? a.enumName().substring(0, a.enumName().indexOf('.')) : iface.name();
                            String enumName = a.enumName().substring(a.enumName().indexOf('.') + 1);
                            try {
                                protocol.get(owner).enumeration(enumName);
                            } catch (IllegalArgumentException e) {
                                problems.add(m + "." + a.name() + " names unknown enum " + a.enumName());
                            }
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
