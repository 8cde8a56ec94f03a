package io.shmward.server.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.MessageSpec;
import io.shmward.protocol.spec.Protocol;
import io.shmward.protocol.wayland.WlDisplay;
import io.shmward.protocol.wayland.WlRegistry;
import io.shmward.protocol.wayland.WlShmPool;
import io.shmward.protocol.wayland.WlSurface;
import io.shmward.protocol.wire.ArgReader;
import io.shmward.protocol.wire.DecodeResult;
import io.shmward.protocol.wire.Direction;
import io.shmward.protocol.wire.FdSink;
import io.shmward.protocol.wire.FdSource;
import io.shmward.protocol.wire.InterfaceType;
import io.shmward.protocol.wire.Message;
import io.shmward.protocol.wire.NewObject;
import io.shmward.protocol.wire.RequestTargets;
import io.shmward.protocol.wire.WaylandRequest;
import io.shmward.protocol.wire.WireDecoder;
import io.shmward.protocol.wire.WireEncoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode and encode cost of typical client traffic: wl_display.sync, a frame's wl_surface
 * attach + damage_buffer + commit, wl_registry.bind and wl_shm_pool.create_buffer. {@code decode*} makes the
 * dynamic {@link Message} (as the test client does), {@code decodeTyped*} the generated records (as the
 * server does); {@code -prof gc} shows what each allocates.
 *
 * <p>Run: {@code ./mvnw -Pjmh -pl server -am verify -DskipTests -Djmh.args="CodecBenchmark -f 1 -wi 2 -i 3"}.
 * One op is one call of the benchmark method (for {@code *SurfaceFrame}: three messages).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    private static final Protocol PROTOCOL = Protocol.standard();

    /** heap: Unpooled heap buffers; direct: direct buffers, as a socket transport reads into. */
    @Param({"heap", "direct"})
    public String buffer;

    private final WireDecoder decoder = new WireDecoder(Direction.REQUESTS);
    private final Objects objects = new Objects();
    private final ArgReader reader = new ArgReader();

    private Message sync;
    private Message attach;
    private Message damageBuffer;
    private Message commit;
    private Message bind;
    private Message createBuffer;

    private ByteBuf syncBytes;
    private ByteBuf frameBytes;
    private ByteBuf bindBytes;
    private ByteBuf createBufferBytes;
    private ByteBuf out;

    /** A dense id → interface table, like a connection's object map. */
    static final class Objects implements RequestTargets {
        private final InterfaceSpec[] interfaces = new InterfaceSpec[16];
        private final InterfaceType<?>[] types = new InterfaceType<?>[16];
        private final int[] versions = new int[16];

        void put(int id, InterfaceType<?> type, int version) {
            interfaces[id] = type.spec();
            types[id] = type;
            versions[id] = version;
        }

        @Override
        public InterfaceType<?> typeOf(int id) {
            return types[id];
        }

        @Override
        public InterfaceSpec interfaceOf(int id) {
            return id > 0 && id < interfaces.length ? interfaces[id] : null;
        }

        @Override
        public int versionOf(int id) {
            return versions[id];
        }
    }

    private static MessageSpec request(String iface, String name) {
        return PROTOCOL.get(iface).request(name);
    }

    @Setup(Level.Trial)
    public void setUp() {
        objects.put(1, WlDisplay.TYPE, 1);
        objects.put(2, WlRegistry.TYPE, 1);
        objects.put(4, WlShmPool.TYPE, 2);
        objects.put(5, WlSurface.TYPE, 6);

        sync = new Message(1, request("wl_display", "sync"), 3);
        attach = new Message(5, request("wl_surface", "attach"), 9, 0, 0);
        damageBuffer = new Message(5, request("wl_surface", "damage_buffer"), 0, 0, 1920, 1080);
        commit = new Message(5, request("wl_surface", "commit"));
        bind = new Message(2, request("wl_registry", "bind"), 7, new NewObject("wl_compositor", 6, 10));
        createBuffer = new Message(4, request("wl_shm_pool", "create_buffer"), 9, 0, 1920, 1080, 7680, 1);

        syncBytes = encoded(sync);
        frameBytes = encoded(attach, damageBuffer, commit);
        bindBytes = encoded(bind);
        createBufferBytes = encoded(createBuffer);
        out = allocate(256);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (ByteBuf b : new ByteBuf[] {syncBytes, frameBytes, bindBytes, createBufferBytes, out}) {
            b.release();
        }
    }

    private ByteBuf allocate(int capacity) {
        return "direct".equals(buffer) ? Unpooled.directBuffer(capacity) : Unpooled.buffer(capacity);
    }

    private ByteBuf encoded(Message... messages) {
        ByteBuf b = allocate(256);
        for (Message m : messages) {
            WireEncoder.encode(b, m, FdSink.REFUSE);
        }
        return b;
    }

    private DecodeResult decodeOne(ByteBuf in) {
        in.readerIndex(0);
        DecodeResult r = decoder.decode(in, objects, FdSource.NONE);
        if (!(r instanceof Message)) {
            throw new IllegalStateException("benchmark input did not decode: " + r);
        }
        return r;
    }

    @Benchmark
    public DecodeResult decodeSync() {
        return decodeOne(syncBytes);
    }

    @Benchmark
    public void decodeSurfaceFrame(Blackhole bh) {
        ByteBuf in = frameBytes;
        in.readerIndex(0);
        bh.consume(decoder.decode(in, objects, FdSource.NONE));
        bh.consume(decoder.decode(in, objects, FdSource.NONE));
        bh.consume(decoder.decode(in, objects, FdSource.NONE));
        if (in.isReadable()) {
            throw new IllegalStateException("frame did not decode whole");
        }
    }

    @Benchmark
    public DecodeResult decodeRegistryBind() {
        return decodeOne(bindBytes);
    }

    @Benchmark
    public DecodeResult decodeCreateBuffer() {
        return decodeOne(createBufferBytes);
    }

    private DecodeResult decodeTypedOne(ByteBuf in) {
        in.readerIndex(0);
        DecodeResult r = decoder.decodeRequest(in, objects, FdSource.NONE, reader);
        if (!(r instanceof WaylandRequest)) {
            throw new IllegalStateException("benchmark input did not decode: " + r);
        }
        return r;
    }

    @Benchmark
    public DecodeResult decodeTypedSync() {
        return decodeTypedOne(syncBytes);
    }

    @Benchmark
    public void decodeTypedSurfaceFrame(Blackhole bh) {
        ByteBuf in = frameBytes;
        in.readerIndex(0);
        bh.consume(decoder.decodeRequest(in, objects, FdSource.NONE, reader));
        bh.consume(decoder.decodeRequest(in, objects, FdSource.NONE, reader));
        bh.consume(decoder.decodeRequest(in, objects, FdSource.NONE, reader));
        if (in.isReadable()) {
            throw new IllegalStateException("frame did not decode whole");
        }
    }

    @Benchmark
    public DecodeResult decodeTypedRegistryBind() {
        return decodeTypedOne(bindBytes);
    }

    @Benchmark
    public DecodeResult decodeTypedCreateBuffer() {
        return decodeTypedOne(createBufferBytes);
    }

    @Benchmark
    public int encodeSync() {
        out.clear();
        WireEncoder.encode(out, sync, FdSink.REFUSE);
        return out.writerIndex();
    }

    @Benchmark
    public int encodeSurfaceFrame() {
        out.clear();
        WireEncoder.encode(out, attach, FdSink.REFUSE);
        WireEncoder.encode(out, damageBuffer, FdSink.REFUSE);
        WireEncoder.encode(out, commit, FdSink.REFUSE);
        return out.writerIndex();
    }

    @Benchmark
    public int encodeRegistryBind() {
        out.clear();
        WireEncoder.encode(out, bind, FdSink.REFUSE);
        return out.writerIndex();
    }

    @Benchmark
    public int encodeCreateBuffer() {
        out.clear();
        WireEncoder.encode(out, createBuffer, FdSink.REFUSE);
        return out.writerIndex();
    }
}
