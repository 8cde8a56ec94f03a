package io.shmward.client;

import io.shmward.protocol.spec.Protocol;
import io.shmward.protocol.wire.Message;
import io.shmward.protocol.wire.NewObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A bound {@code wl_registry} and the globals it announced. */
public final class ClientRegistry {
    /** One announced global. */
    public record GlobalInfo(int name, String interfaceName, int version) {
    }

    private final WaylandClient client;
    private final ClientObject registry;
    private final List<GlobalInfo> globals = new ArrayList<>();

    ClientRegistry(WaylandClient client, ClientObject registry) {
        this.client = client;
        this.registry = registry;
        registry.onEvent(this::onEvent);
    }

    public ClientObject object() {
        return registry;
    }

    public List<GlobalInfo> globals() {
        return List.copyOf(globals);
    }

    public GlobalInfo find(String interfaceName) {
        return globals.stream().filter(g -> g.interfaceName().equals(interfaceName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the server advertises no " + interfaceName));
    }

    /** Binds the global of {@code interfaceName} at {@code version}. */
    public ClientObject bind(String interfaceName, int version) throws IOException {
        return bind(find(interfaceName).name(), interfaceName, version);
    }

    /** Sends exactly the bind asked for, valid or not. */
    public ClientObject bind(int name, String interfaceName, int version) throws IOException {
        ClientObject o = client.allocate(Protocol.standard().get(interfaceName), version);
        registry.send("bind", name, new NewObject(interfaceName, version, o.id()));
        return o;
    }

    private void onEvent(Message m) {
        switch (m.name()) {
            case "global" -> globals.add(new GlobalInfo(m.intArg(0), m.stringArg(1), m.intArg(2)));
            case "global_remove" -> globals.removeIf(g -> g.name() == m.intArg(0));
            default -> {
            }
        }
    }
}
