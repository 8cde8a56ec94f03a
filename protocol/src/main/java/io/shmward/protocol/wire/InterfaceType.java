package io.shmward.protocol.wire;

import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.Protocol;

/**
 * One interface as the generated code knows it: its name, its sealed request type and the decoder of its
 * requests. The decoder's checks (opcode, since, fds) still come from the {@link InterfaceSpec} read from the
 * same XML, which {@link #spec()} resolves once.
 *
 * @param <R> the interface's generated {@code Request} type
 */
public final class InterfaceType<R extends WaylandRequest> {
    /** Decodes the arguments of request {@code opcode}, which the caller has checked exists. */
    @FunctionalInterface
    public interface RequestDecoder<R> {
        R decode(int opcode, ArgReader in);
    }

    private final String name;
    private final Class<R> requestType;
    private final RequestDecoder<R> decoder;
    private final InterfaceSpec spec;

    public InterfaceType(String name, Class<R> requestType, RequestDecoder<R> decoder) {
        this.name = name;
        this.requestType = requestType;
        this.decoder = decoder;
        this.spec = Protocol.standard().get(name);
    }

    public String name() {
        return name;
    }

    public Class<R> requestType() {
        return requestType;
    }

    public InterfaceSpec spec() {
        return spec;
    }

    R decode(int opcode, ArgReader in) {
        return decoder.decode(opcode, in);
    }

    @Override
    public String toString() {
        return name;
    }
}
