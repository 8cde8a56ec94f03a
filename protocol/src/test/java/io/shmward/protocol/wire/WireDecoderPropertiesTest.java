package io.shmward.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.shmward.protocol.spec.ArgSpec;
import io.shmward.protocol.spec.ArgType;
import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.MessageSpec;
import io.shmward.protocol.spec.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the codec: the decoder is total (arbitrary and mutated bytes give a message, a typed error or
 * "need more bytes", never an exception), and encode/decode round-trips every valid message exactly.
 */
class WireDecoderPropertiesTest {
    private static final Protocol PROTOCOL = Protocol.standard();

    /** An object the lookup knows. */
    record Obj(int id, InterfaceSpec iface, int version) {
    }

    /** The objects of the brief, for totality and mutation; requests of these are the "typical" client traffic. */
    private static final List<Obj> BRIEF_OBJECTS = List.of(
            new Obj(1, PROTOCOL.get("wl_display"), 1),
            new Obj(2, PROTOCOL.get("wl_registry"), 1),
            new Obj(3, PROTOCOL.get("wl_shm"), 2),
            new Obj(4, PROTOCOL.get("wl_shm_pool"), 2),
            new Obj(5, PROTOCOL.get("wl_surface"), 6),
            new Obj(6, PROTOCOL.get("xdg_toplevel"), 6));

    /** One object of every interface at its highest version (ids from 100), so every signature gets exercised. */
    static final List<Obj> ALL_OBJECTS;

    static {
        List<InterfaceSpec> all = new ArrayList<>(PROTOCOL.interfaces());
        all.sort(Comparator.comparing(InterfaceSpec::name));
        List<Obj> objs = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            objs.add(new Obj(100 + i, all.get(i), all.get(i).version()));
        }
        ALL_OBJECTS = List.copyOf(objs);
    }

    static TestObjects lookup(List<Obj> objs) {
        TestObjects t = new TestObjects();
        for (Obj o : objs) {
            t.with(o.id(), o.iface().name(), o.version());
        }
        return t;
    }

    private static final TestObjects BRIEF_LOOKUP = lookup(BRIEF_OBJECTS);
    /** The brief's objects plus 7 = wl_shm v1, so that "request too new" (release) can happen too. */
    static final List<Obj> NOISE_OBJECTS;

    static {
        List<Obj> objs = new ArrayList<>(BRIEF_OBJECTS);
        objs.add(new Obj(7, PROTOCOL.get("wl_shm"), 1));
        NOISE_OBJECTS = List.copyOf(objs);
    }

    private static final TestObjects NOISE_LOOKUP = lookup(NOISE_OBJECTS);
    private static final TestObjects ALL_LOOKUP = lookup(ALL_OBJECTS);

    // ---------------------------------------------------------------------------------------------------------
    // Decoding loop with invariants
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Decodes messages until the decoder asks for more bytes or reports an error, checking after every step that
     * a message consumed exactly its size and its fds, and that anything else consumed nothing.
     */
    static List<Message> drain(WireDecoder decoder, ByteBuf in, ObjectLookup objects, FdQueue fds) {
        return drainWithOutcome(decoder, in, objects, fds).decoded();
    }

    /** What a drain decoded, and the error or "need more bytes" that stopped it. */
    record Outcome(List<Message> decoded, DecodeResult last) {
        String label() {
            return last instanceof DecodeError e ? e.kind().name() : "NEED_MORE_BYTES";
        }

        /**
         * Collects the outcomes and checks that the generator reaches each of {@code kinds} (and "need more bytes")
         * and decodes at least one whole message in {@code minPercent} of the tries.
         */
        void collectAndCheckCoverage(int minPercent, DecodeError.Kind... kinds) {
            Statistics.label("stopped by").collect(label());
            Statistics.label("decoded a message").collect(!decoded.isEmpty());
            Statistics.label("stopped by").coverage(c -> {
                for (DecodeError.Kind kind : kinds) {
                    c.check(kind.name()).count(n -> n > 0);
                }
                c.check("NEED_MORE_BYTES").count(n -> n > 0);
            });
            Statistics.label("decoded a message").coverage(c -> c.check(true).percentage(p -> p >= minPercent));
        }
    }

    static Outcome drainWithOutcome(WireDecoder decoder, ByteBuf in, ObjectLookup objects, FdQueue fds) {
        List<Message> decoded = new ArrayList<>();
        for (int step = 0; step <= in.writerIndex() / Wire.HEADER_SIZE + 1; step++) {
            int start = in.readerIndex();
            int readable = in.readableBytes();
            int taken = fds.taken().size();
            DecodeResult r = decoder.decode(in, objects, fds);
            switch (r) {
                case Message m -> {
                    int size = Wire.getInt(in, start + 4) >>> 16;
                    assertThat(size).isBetween(Wire.HEADER_SIZE, Wire.MAX_MESSAGE_SIZE);
                    assertThat(size % 4).isZero();
                    assertThat(in.readerIndex() - start).as("a message consumes exactly its size").isEqualTo(size);
                    assertThat(m.objectId()).isEqualTo(Wire.getInt(in, start));
                    assertThat(m.opcode()).isEqualTo(Wire.getInt(in, start + 4) & 0xffff);
                    assertThat(objects.interfaceOf(m.objectId()).name()).isEqualTo(m.spec().interfaceName());
                    assertThat(m.spec().since()).isLessThanOrEqualTo(objects.versionOf(m.objectId()));
                    assertThat(fds.taken().size() - taken).isEqualTo(m.spec().fdCount());
                    assertThat(m.unclaimedFds()).containsExactly(fds.taken().subList(taken, fds.taken().size()).stream().mapToInt(Integer::intValue).toArray());
                    checkValueTypes(m);
                    decoded.add(m);
                }
                case DecodeError e -> {
                    assertThat(in.readerIndex()).as("an error consumes nothing").isEqualTo(start);
                    assertThat(fds.taken().size()).as("an error takes no fd").isEqualTo(taken);
                    assertThat(readable).isGreaterThanOrEqualTo(Wire.HEADER_SIZE);
                    assertThat(e.objectId()).isEqualTo(Wire.getInt(in, start));
                    assertThat(e.kind()).isNotNull();
                    assertThat(e.message()).isNotBlank();
                    return new Outcome(decoded, e);
                }
                case WaylandRequest w -> fail("the dynamic decoder made a typed request: " + w);
                case DecodeResult.NeedMoreBytes n -> {
                    assertThat(in.readerIndex()).isEqualTo(start);
                    assertThat(fds.taken().size()).isEqualTo(taken);
                    if (readable >= Wire.HEADER_SIZE) {
                        int size = Wire.getInt(in, start + 4) >>> 16;
                        assertThat(readable).as("waits only for a plausible, incomplete message").isLessThan(size);
                        assertThat(size).isBetween(Wire.HEADER_SIZE, Wire.MAX_MESSAGE_SIZE);
                    }
                    return new Outcome(decoded, n);
                }
            }
        }
        return fail("decoder made no progress");
    }

    /** Every decoded value has the Java type {@link Message} documents for its argument type. */
    private static void checkValueTypes(Message m) {
        List<ArgSpec> specs = m.spec().args();
        for (int i = 0; i < specs.size(); i++) {
            ArgSpec a = specs.get(i);
            Object v = m.arg(i);
            switch (a.type()) {
                case STRING -> {
                    if (v == null) {
                        assertThat(a.nullable()).isTrue();
                    } else {
                        assertThat(v).isInstanceOf(String.class);
                        assertThat((String) v).doesNotContain("\0");
                    }
                }
                case ARRAY -> assertThat(v).isInstanceOf(byte[].class);
                case NEW_ID -> {
                    if (a.isUntypedNewId()) {
                        assertThat(v).isInstanceOf(NewObject.class);
                        assertThat(((NewObject) v).id()).isNotZero();
                        assertThat(((NewObject) v).interfaceName()).isNotNull();
                    } else {
                        assertThat(v).isInstanceOf(Integer.class).isNotEqualTo(0);
                    }
                }
                case OBJECT -> {
                    assertThat(v).isInstanceOf(Integer.class);
                    if (!a.nullable()) {
                        assertThat(v).isNotEqualTo(0);
                    }
                }
                case INT, UINT, FIXED, FD -> assertThat(v).isInstanceOf(Integer.class);
            }
        }
    }

    static FdQueue fdQueue(int count) {
        int[] fds = new int[count];
        for (int i = 0; i < count; i++) {
            fds[i] = 1000 + i;
        }
        return new FdQueue(fds);
    }

    // ---------------------------------------------------------------------------------------------------------
    // (1) Totality on arbitrary bytes
    // ---------------------------------------------------------------------------------------------------------

    @Property
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void arbitraryBytesNeverThrow(@ForAll("noise") byte[] bytes, @ForAll("fdCounts") int fdCount) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        drainWithOutcome(new WireDecoder(Direction.REQUESTS), in, NOISE_LOOKUP, fdQueue(fdCount))
                .collectAndCheckCoverage(8, DecodeError.Kind.values());
    }

    @Property
    void arbitraryBytesNeverThrowAsAClient(@ForAll("noise") byte[] bytes, @ForAll("fdCounts") int fdCount) {
        drain(new WireDecoder(Direction.EVENTS), Unpooled.wrappedBuffer(bytes), NOISE_LOOKUP, fdQueue(fdCount));
    }

    @Provide
    Arbitrary<Integer> fdCounts() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(1, 4)));
    }

    @Property
    void arbitraryBytesNeverThrowAtAnyReaderIndex(@ForAll("noise") byte[] bytes, @ForAll @IntRange(max = 7) int skip,
                                                 @ForAll("fdCounts") int fdCount) {
        ByteBuf in = Unpooled.buffer(bytes.length + skip);
        in.writeZero(skip);
        in.writeBytes(bytes);
        in.readerIndex(skip);
        drain(new WireDecoder(Direction.REQUESTS), in, NOISE_LOOKUP, fdQueue(fdCount));
    }

    @Provide
    Arbitrary<byte[]> noise() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(5000)),
                Tuple.of(6, chunk().list().ofMinSize(1).ofMaxSize(8).map(WireDecoderPropertiesTest::concat)));
    }

    /** Pieces of a stream: valid requests, plausible headers over noise, and plain noise. */
    static Arbitrary<byte[]> chunk() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, message(NOISE_OBJECTS, Direction.REQUESTS).map(m -> {
                    ByteBuf b = Unpooled.buffer();
                    WireEncoder.encode(b, m, fd -> { });
                    return ByteBufUtil.getBytes(b);
                })),
                Tuple.of(5, plausibleChunk()),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(16)));
    }

    /** (object id, opcode) of every request of the noise objects, whether or not their version allows it. */
    private static final List<Tuple2<Integer, Integer>> KNOWN_HEADERS = NOISE_OBJECTS.stream()
            .flatMap(o -> o.iface().requests().stream().map(m -> Tuple.of(o.id(), m.opcode())))
            .toList();

    /** A header that often names a live object, a known opcode and a size near the body's, then word-ish noise. */
    private static Arbitrary<byte[]> plausibleChunk() {
        Arbitrary<Tuple2<Integer, Integer>> header = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(KNOWN_HEADERS)),
                Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, 8), Arbitraries.integers().between(0, 14))
                        .as(Tuple::of)),
                Tuple.of(1, Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 0xffff))
                        .as(Tuple::of)));
        Arbitrary<Integer> bodyWord = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 64)),
                Tuple.of(2, Arbitraries.integers()),
                Tuple.of(1, Arbitraries.of(-1, -4, 4096, 0x7fffffff, 0x80000000, 0x00616263, 0x00006161)),
                Tuple.of(2, Arbitraries.strings().withCharRange('a', 'z').ofLength(4)
                        .map(s -> s.charAt(0) | s.charAt(1) << 8 | s.charAt(2) << 16 | s.charAt(3) << 24)));
        Arbitrary<Integer> sizeDelta = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(0)),
                Tuple.of(2, Arbitraries.integers().between(-12, 12)),
                Tuple.of(1, Arbitraries.integers().between(-0xffff, 0xffff)));
        Arbitrary<Integer> tailCut = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, 11)));
        return Combinators.combine(header, bodyWord.list().ofMaxSize(40), sizeDelta, tailCut)
                .as((idAndOpcode, body, delta, cut) -> {
                    int id = idAndOpcode.get1();
                    int op = idAndOpcode.get2();
                    ByteBuf b = Unpooled.buffer();
                    Wire.writeInt(b, id);
                    int size = (8 + 4 * body.size() + delta) & 0xffff;
                    Wire.writeInt(b, size << 16 | op);
                    for (int w : body) {
                        Wire.writeInt(b, w);
                    }
                    return Arrays.copyOf(ByteBufUtil.getBytes(b), Math.max(0, b.readableBytes() - cut));
                });
    }

    static byte[] concat(List<byte[]> parts) {
        ByteBuf b = Unpooled.buffer();
        parts.forEach(b::writeBytes);
        return ByteBufUtil.getBytes(b);
    }

    // ---------------------------------------------------------------------------------------------------------
    // (2) Mutations of valid messages
    // ---------------------------------------------------------------------------------------------------------

    enum MutationKind { FLIP_BIT, SET_BYTE, SET_WORD, TRUNCATE, EXTEND, SET_SIZE, SET_OPCODE, SET_OBJECT, DUPLICATE }

    record Mutation(MutationKind kind, int position, int value) {
        byte[] apply(byte[] in) {
            int len = in.length;
            return switch (kind) {
                case FLIP_BIT -> len == 0 ? in : with(in, position % len, in[position % len] ^ (1 << (value & 7)));
                case SET_BYTE -> len == 0 ? in : with(in, position % len, value);
                case SET_WORD -> {
                    if (len < 4) {
                        yield in;
                    }
                    ByteBuf b = Unpooled.wrappedBuffer(in.clone());
                    Wire.setInt(b, (position % (len / 4)) * 4, value);
                    yield b.array();
                }
                case TRUNCATE -> Arrays.copyOf(in, position % (len + 1));
                case EXTEND -> {
                    byte[] out = Arrays.copyOf(in, len + (value & 63));
                    for (int i = len; i < out.length; i++) {
                        out[i] = (byte) (position * 31 + i * value);
                    }
                    yield out;
                }
                case SET_SIZE -> len < 8 ? in : with(with(in, 6, value), 7, value >> 8);
                case SET_OPCODE -> len < 8 ? in : with(with(in, 4, value), 5, value >> 8);
                case SET_OBJECT -> {
                    if (len < 4) {
                        yield in;
                    }
                    ByteBuf b = Unpooled.wrappedBuffer(in.clone());
                    Wire.setInt(b, 0, Math.floorMod(value, 8));
                    yield b.array();
                }
                case DUPLICATE -> concat(List.of(in, in));
            };
        }

        /** Byte {@code index} of a host-order word: sizes and opcodes are set through their byte positions. */
        private static byte[] with(byte[] in, int index, int value) {
            byte[] out = in.clone();
            int i = Wire.LITTLE_ENDIAN ? index : (index & ~3) + 3 - (index & 3);
            if (i < out.length) {
                out[i] = (byte) value;
            }
            return out;
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Integer> value = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(-8, 64)),
                Tuple.of(2, Arbitraries.integers()),
                Tuple.of(1, Arbitraries.of(0xff, 0x7fff, 0xffff, 4096, 4097, 0x7fffffff, 0x80000000)));
        return Combinators.combine(Arbitraries.of(MutationKind.class), Arbitraries.integers().between(0, 1 << 20), value)
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Message>> briefRequests() {
        return message(BRIEF_OBJECTS, Direction.REQUESTS).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void mutatedValidMessagesNeverThrow(@ForAll("briefRequests") List<Message> messages,
                                        @ForAll("mutations") List<Mutation> mutations,
                                        @ForAll @IntRange(min = -2, max = 2) int fdSurplus) {
        ByteBuf out = Unpooled.buffer();
        List<Integer> fds = new ArrayList<>();
        for (Message m : messages) {
            WireEncoder.encode(out, m, fds::add);
        }
        byte[] bytes = ByteBufUtil.getBytes(out);
        for (Mutation mutation : mutations) {
            bytes = mutation.apply(bytes);
        }
        FdQueue queue = fdQueue(Math.max(0, fds.size() + fdSurplus));
        drainWithOutcome(new WireDecoder(Direction.REQUESTS), Unpooled.wrappedBuffer(bytes), NOISE_LOOKUP, queue)
                .collectAndCheckCoverage(30, DecodeError.Kind.BAD_SIZE, DecodeError.Kind.UNKNOWN_OBJECT,
                        DecodeError.Kind.UNKNOWN_OPCODE, DecodeError.Kind.BAD_ARGUMENTS);
    }

    @Property
    void mutatedMessagesOfEveryInterfaceNeverThrow(@ForAll Direction direction,
                                                   @ForAll("mutations") List<Mutation> mutations,
                                                   @ForAll("anyMessagesSeed") long seed) {
        // one message of a random interface; the direction picks requests or events
        List<Message> messages = message(ALL_OBJECTS, direction).list().ofMinSize(1).ofMaxSize(3)
                .generator(1000).next(new java.util.Random(seed)).value();
        ByteBuf out = Unpooled.buffer();
        List<Integer> fds = new ArrayList<>();
        for (Message m : messages) {
            WireEncoder.encode(out, m, fds::add);
        }
        byte[] bytes = ByteBufUtil.getBytes(out);
        for (Mutation mutation : mutations) {
            bytes = mutation.apply(bytes);
        }
        drain(new WireDecoder(direction), Unpooled.wrappedBuffer(bytes), ALL_LOOKUP, fdQueue(fds.size()));
    }

    @Provide
    Arbitrary<Long> anyMessagesSeed() {
        return Arbitraries.longs();
    }

    // ---------------------------------------------------------------------------------------------------------
    // (3) Round trips
    // ---------------------------------------------------------------------------------------------------------

    @Property
    void briefRequestsRoundTrip(@ForAll("briefRequests") List<Message> messages) {
        roundTrip(messages, Direction.REQUESTS, BRIEF_LOOKUP);
    }

    @Provide
    Arbitrary<Tuple2<Direction, List<Message>>> anyMessages() {
        return Arbitraries.of(Direction.class).flatMap(d ->
                message(ALL_OBJECTS, d).list().ofMinSize(1).ofMaxSize(8).map(list -> Tuple.of(d, list)));
    }

    @Property
    void everySignatureRoundTrips(@ForAll("anyMessages") Tuple2<Direction, List<Message>> sample) {
        roundTrip(sample.get2(), sample.get1(), ALL_LOOKUP);
    }

    /** Any prefix of a valid stream decodes to the messages it holds whole, then asks for more bytes. */
    @Property
    void everyPrefixDecodesTheWholeMessagesItHolds(@ForAll("anyMessages") Tuple2<Direction, List<Message>> sample,
                                                   @ForAll @IntRange(max = 1 << 20) int cutSeed) {
        ByteBuf out = Unpooled.buffer();
        List<Integer> fds = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        for (Message m : sample.get2()) {
            WireEncoder.encode(out, m, fds::add);
            ends.add(out.writerIndex());
        }
        int cut = cutSeed % (out.writerIndex() + 1);
        ByteBuf prefix = out.copy(0, cut);
        FdQueue queue = new FdQueue(fds);
        List<Message> decoded = drain(new WireDecoder(sample.get1()), prefix, ALL_LOOKUP, queue);
        long whole = ends.stream().filter(e -> e <= cut).count();
        assertThat(decoded).hasSize((int) whole);
        assertThat(prefix.readerIndex()).isEqualTo(whole == 0 ? 0 : ends.get((int) whole - 1));
        assertThat(new WireDecoder(sample.get1()).decode(prefix, ALL_LOOKUP, queue))
                .isSameAs(DecodeResult.NeedMoreBytes.INSTANCE);
    }

    private static void roundTrip(List<Message> messages, Direction direction, ObjectLookup objects) {
        ByteBuf out = Unpooled.buffer();
        List<Integer> sentFds = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        for (Message m : messages) {
            int before = out.writerIndex();
            WireEncoder.encode(out, m, sentFds::add);
            assertThat(out.writerIndex() - before).isEqualTo(WireEncoder.sizeOf(m.spec(), m.args()));
            assertThat(Wire.getInt(out, before + 4) >>> 16).isEqualTo(out.writerIndex() - before);
            ends.add(out.writerIndex());
        }
        byte[] encoded = ByteBufUtil.getBytes(out);
        FdQueue fds = new FdQueue(sentFds);
        WireDecoder decoder = new WireDecoder(direction);
        List<Integer> decodedFds = new ArrayList<>();
        ByteBuf reencoded = Unpooled.buffer();
        for (int i = 0; i < messages.size(); i++) {
            Message expected = messages.get(i);
            DecodeResult r = decoder.decode(out, objects, fds);
            assertThat(r).as("message %d: %s", i, expected).isInstanceOf(Message.class);
            Message actual = (Message) r;
            assertThat(out.readerIndex()).as("consumed exactly the encoded bytes").isEqualTo(ends.get(i));
            assertThat(actual.objectId()).isEqualTo(expected.objectId());
            assertThat(actual.spec()).isSameAs(expected.spec());
            assertThat(normalized(actual)).isEqualTo(normalized(expected));
            for (int fd : actual.unclaimedFds()) {
                decodedFds.add(fd);
            }
            WireEncoder.encode(reencoded, actual, fd -> { });
        }
        assertThat(out.isReadable()).isFalse();
        assertThat(decoder.decode(out, objects, fds)).isSameAs(DecodeResult.NeedMoreBytes.INSTANCE);
        assertThat(decodedFds).as("fds in order").isEqualTo(sentFds);
        assertThat(fds.available()).isZero();
        assertThat(ByteBufUtil.getBytes(reencoded)).as("decode then encode gives the same bytes").isEqualTo(encoded);
    }

    /** Arguments as a comparable list (arrays as hex). */
    static List<Object> normalized(Message m) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < m.spec().args().size(); i++) {
            Object v = m.arg(i);
            out.add(v instanceof byte[] bytes ? "bytes:" + HexFormat.of().formatHex(bytes) : v);
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Generators of valid messages
    // ---------------------------------------------------------------------------------------------------------

    /** A valid message to one of {@code objects}, of a kind its version allows, with random valid arguments. */
    static Arbitrary<Message> message(List<Obj> objects, Direction direction) {
        List<Tuple2<Obj, MessageSpec>> kinds = new ArrayList<>();
        for (Obj o : objects) {
            for (MessageSpec spec : direction.messagesOf(o.iface())) {
                if (spec.since() <= o.version()) {
                    kinds.add(Tuple.of(o, spec));
                }
            }
        }
        return Arbitraries.of(kinds).flatMap(k -> args(k.get2())
                        .map(values -> new Message(k.get1().id(), k.get2(), values.toArray())))
                .filter(m -> WireEncoder.sizeOf(m.spec(), m.args()) <= Wire.MAX_MESSAGE_SIZE);
    }

    private static Arbitrary<List<Object>> args(MessageSpec spec) {
        List<Arbitrary<Object>> each = new ArrayList<>();
        for (ArgSpec a : spec.args()) {
            each.add(arg(a));
        }
        if (each.isEmpty()) {
            return Arbitraries.just(List.of());
        }
        return Combinators.combine(each).as(values -> values);
    }

    private static Arbitrary<Object> arg(ArgSpec a) {
        Arbitrary<Integer> nonZero = Arbitraries.integers().filter(i -> i != 0);
        Arbitrary<?> value = switch (a.type()) {
            case INT, UINT, FIXED -> Arbitraries.integers();
            case FD -> Arbitraries.integers().between(0, 1 << 20);
            case OBJECT -> a.nullable()
                    ? Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)), Tuple.of(3, nonZero))
                    : nonZero;
            case NEW_ID -> a.isUntypedNewId()
                    ? Combinators.combine(text(), Arbitraries.integers(), nonZero).as(NewObject::new)
                    : nonZero;
            case STRING -> a.nullable() ? text().injectNull(0.25) : text();
            case ARRAY -> Arbitraries.frequencyOf(
                    Tuple.of(3, Arbitraries.bytes().array(byte[].class).ofMaxSize(16)),
                    Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)));
        };
        return value.map(v -> (Object) v);
    }

    /** Strings without NUL and without lone surrogates: ASCII, BMP and supplementary code points, often empty. */
    static Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(1, 0x7f)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0xffff).filter(cp -> cp < 0xd800 || cp > 0xdfff)),
                Tuple.of(1, Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT)));
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just("")),
                Tuple.of(6, codePoint.list().ofMaxSize(12).map(WireDecoderPropertiesTest::fromCodePoints)),
                Tuple.of(1, codePoint.list().ofMaxSize(200).map(WireDecoderPropertiesTest::fromCodePoints)));
    }

    private static String fromCodePoints(List<Integer> codePoints) {
        StringBuilder sb = new StringBuilder();
        codePoints.forEach(sb::appendCodePoint);
        return sb.toString();
    }

    @Property(tries = 200)
    void textGeneratorMakesEncodableStrings(@ForAll("briefRequests") @Size(min = 1) List<Message> messages) {
        for (Message m : messages) {
            for (int i = 0; i < m.spec().args().size(); i++) {
                if (m.spec().args().get(i).type() == ArgType.STRING && m.arg(i) != null) {
                    String s = m.stringArg(i);
                    assertThat(s).doesNotContain("\0");
                    assertThat(new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(s);
                }
            }
        }
    }
}
