package io.shmward.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.shmward.protocol.spec.ArgSpec;
import io.shmward.protocol.spec.ArgType;
import io.shmward.protocol.wire.WireDecoderPropertiesTest.Mutation;
import io.shmward.protocol.wire.WireDecoderPropertiesTest.MutationKind;
import io.shmward.protocol.wire.WireDecoderPropertiesTest.Obj;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The records generated from the XML and the dynamic {@link Message} are two readings of the same bytes: on
 * any byte string both decoders consume the same bytes and fds, refuse with the same error, and read the same
 * values, and the typed one notes the ids and fds the dispatcher checks and closes.
 */
class TypedDecodingPropertiesTest {
    private static final TestObjects OBJECTS;

    static {
        List<Obj> all = new ArrayList<>(WireDecoderPropertiesTest.NOISE_OBJECTS);
        all.addAll(WireDecoderPropertiesTest.ALL_OBJECTS);
        OBJECTS = WireDecoderPropertiesTest.lookup(all);
    }

    @Property
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void typedAndDynamicDecodingAgree(@ForAll("streams") byte[] bytes, @ForAll @IntRange(max = 4) int fdCount) {
        WireDecoder decoder = new WireDecoder(Direction.REQUESTS);
        ByteBuf dynamicIn = Unpooled.wrappedBuffer(bytes);
        ByteBuf typedIn = Unpooled.wrappedBuffer(bytes);
        FdQueue dynamicFds = WireDecoderPropertiesTest.fdQueue(fdCount);
        FdQueue typedFds = WireDecoderPropertiesTest.fdQueue(fdCount);
        ArgReader reader = new ArgReader();
        int decoded = 0;
        for (int step = 0; step <= bytes.length / Wire.HEADER_SIZE + 1; step++) {
            DecodeResult dynamic = decoder.decode(dynamicIn, OBJECTS, dynamicFds);
            DecodeResult typed = decoder.decodeRequest(typedIn, OBJECTS, typedFds, reader);
            assertThat(typedIn.readerIndex()).as("bytes consumed").isEqualTo(dynamicIn.readerIndex());
            assertThat(typedFds.taken()).as("fds taken").isEqualTo(dynamicFds.taken());
            switch (dynamic) {
                case Message m -> {
                    assertThat(typed).isInstanceOf(WaylandRequest.class);
                    sameRequest(m, (WaylandRequest) typed, reader);
                    decoded++;
                }
                case DecodeError e -> {
                    assertThat(typed).isEqualTo(e);
                    stopped(decoded);
                    return;
                }
                case DecodeResult.NeedMoreBytes n -> {
                    assertThat(typed).isSameAs(n);
                    stopped(decoded);
                    return;
                }
                case WaylandRequest w -> fail("the dynamic decoder made a typed request: " + w);
            }
        }
        fail("decoder made no progress");
    }

    /** Most tries must get past noise to whole requests, or the agreement proves little. */
    private static void stopped(int decoded) {
        Statistics.label("typed requests decoded").collect(decoded > 0);
        Statistics.label("typed requests decoded").coverage(c -> c.check(true).percentage(p -> p >= 25));
    }

    /** The record is of the target's generated type, named after the request, and holds the message's values. */
    private static void sameRequest(Message m, WaylandRequest r, ArgReader reader) {
        assertThat(r).as("request type").isInstanceOf(OBJECTS.typeOf(m.objectId()).requestType());
        assertThat(r.getClass().getSimpleName().toLowerCase()).isEqualTo(m.name().replace("_", ""));
        assertThat(reader.objectId()).isEqualTo(m.objectId());
        assertThat(reader.spec()).isSameAs(m.spec());
        assertThat(WireDecoderPropertiesTest.normalized(Message.ofRequest(m.objectId(), m.spec(), r)))
                .isEqualTo(WireDecoderPropertiesTest.normalized(m));
        List<Integer> ids = new ArrayList<>();
        List<Integer> fds = new ArrayList<>();
        List<ArgSpec> args = m.spec().args();
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i).type()) {
                case OBJECT -> ids.add(m.intArg(i));
                case NEW_ID -> ids.add(m.arg(i) instanceof NewObject n ? n.id() : m.intArg(i));
                case FD -> fds.add(m.intArg(i));
                default -> { }
            }
        }
        List<Integer> noted = new ArrayList<>();
        for (int i = 0; i < reader.idCount(); i++) {
            noted.add(reader.id(i));
        }
        assertThat(noted).as("object and new_id words, in order").isEqualTo(ids);
        List<Integer> handedOut = new ArrayList<>();
        for (int i = 0; i < reader.fdCount(); i++) {
            assertThat(reader.fd(i).isTaken()).isFalse();
            handedOut.add(reader.fd(i).raw());
        }
        assertThat(handedOut).as("fds handed out, in order").isEqualTo(fds);
        assertThat(args.stream().filter(a -> a.type() == ArgType.FD).count()).isEqualTo(fds.size());
    }

    /** Noise and plausible headers, and valid requests of every interface, some of them mutated. */
    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<List<Mutation>> mutations = Combinators.combine(Arbitraries.of(MutationKind.class),
                        Arbitraries.integers().between(0, 1 << 20), Arbitraries.integers().between(-8, 64))
                .as(Mutation::new).list().ofMaxSize(2);
        Arbitrary<byte[]> requests = WireDecoderPropertiesTest.message(WireDecoderPropertiesTest.ALL_OBJECTS,
                Direction.REQUESTS).list().ofMinSize(1).ofMaxSize(4).map(TypedDecodingPropertiesTest::encode);
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)),
                Tuple.of(3, WireDecoderPropertiesTest.chunk().list().ofMinSize(1).ofMaxSize(8)
                        .map(WireDecoderPropertiesTest::concat)),
                Tuple.of(4, Combinators.combine(requests, mutations).as((bytes, ms) -> {
                    for (Mutation m : ms) {
                        bytes = m.apply(bytes);
                    }
                    return bytes;
                })));
    }

    private static byte[] encode(List<Message> messages) {
        ByteBuf out = Unpooled.buffer();
        for (Message m : messages) {
            WireEncoder.encode(out, m, fd -> { });
        }
        return ByteBufUtil.getBytes(out);
    }
}
