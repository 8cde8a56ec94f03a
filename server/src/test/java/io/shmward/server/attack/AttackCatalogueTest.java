package io.shmward.server.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.shmward.client.attack.AttackReport;
import io.shmward.client.attack.Catalogue;
import io.shmward.client.attack.ErrorNames;
import io.shmward.client.attack.Observation;
import io.shmward.client.attack.Outcome;
import io.shmward.client.attack.Scenario;
import io.shmward.client.attack.ScenarioResult;
import io.shmward.client.attack.TargetFate;
import io.shmward.server.shm.TruncationReaction;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole malicious-client catalogue against Shmward, under each truncation reaction: every scenario must
 * meet its robust expectation with the bystander served and the server alive, and end exactly as Shmward
 * is specified to end it (which error code on which object, or which kind of disconnect).
 */
class AttackCatalogueTest {

    @TestFactory
    Stream<DynamicTest> underTheErrorReaction() throws IOException {
        return scenarioTests(TruncationReaction.ERROR);
    }

    @TestFactory
    Stream<DynamicTest> underTheZeroFillReaction() throws IOException {
        return scenarioTests(TruncationReaction.ZERO_FILL);
    }

    private static Stream<DynamicTest> scenarioTests(TruncationReaction reaction) throws IOException {
        AttackReport report = ShmwardCatalogue.run(reaction);
        Map<String, Ending> expected = endings(reaction);
        DynamicTest complete = dynamicTest("every scenario has Shmward's ending written down", () ->
                assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(
                        Catalogue.all().stream().map(Scenario::id).toList()));
        return Stream.concat(Stream.of(complete), report.results().stream().map(r ->
                dynamicTest(r.scenario().id(), () -> check(r, expected.get(r.scenario().id())))));
    }

    private static void check(ScenarioResult r, Ending ending) {
        Observation o = r.observation();
        String seen = o.summary() + " " + o.notes() + " " + o.measures();
        assertThat(r.target()).as("server alive after %s", seen).isEqualTo(TargetFate.ALIVE);
        assertThat(r.bystanderAfter()).as("bystander served after %s", seen).isTrue();
        if (ending.outcome() != null) {
            assertThat(o.outcome()).as(seen).isEqualTo(ending.outcome());
        }
        if (ending.outcome() == Outcome.PROTOCOL_ERROR) {
            assertThat(o.error().interfaceName()).as(seen).isEqualTo(ending.onInterface());
            assertThat(ErrorNames.codeName(o.error())).as(seen).isEqualTo(ending.code());
        }
        assertThat(r.matches()).as("robust expectation '%s' met by %s", r.scenario().expectation().text(), seen).isTrue();
    }

    /**
     * How Shmward ends each scenario: the outcome, and for an error the object's interface and the code.
     */
    private record Ending(Outcome outcome, String onInterface, String code) {
        static Ending error(String onInterface, String code) {
            return new Ending(Outcome.PROTOCOL_ERROR, onInterface, code);
        }

        static Ending of(Outcome outcome) {
            return new Ending(outcome, null, null);
        }

        /** The attacker's own fate is a race; only the robust expectation (about the others) is checked. */
        static Ending anyForTheAttacker() {
            return new Ending(null, null, null);
        }
    }

    private static Map<String, Ending> endings(TruncationReaction reaction) {
        Ending truncated = reaction == TruncationReaction.ERROR
                ? Ending.error("wl_buffer", "wl_shm.invalid_fd") : Ending.of(Outcome.SERVED);
        Ending invalidStride = Ending.error("wl_shm_pool", "wl_shm.invalid_stride");
        Ending invalidMethod = Ending.error("wl_display", "wl_display.invalid_method");
        Ending invalidObject = Ending.error("wl_display", "wl_display.invalid_object");
        Ending noMemory = Ending.error("wl_display", "wl_display.no_memory");
        Map<String, Ending> e = new HashMap<>();
        e.put("shm.truncate-after-commit", truncated);
        e.put("shm.truncate-before-first-commit", truncated);
        e.put("shm.truncate-racing-commits", truncated);
        e.put("shm.pool-larger-than-file", truncated);
        e.put("shm.resize-beyond-file", truncated);
        e.put("shm.shrink-pool", Ending.error("wl_shm_pool", "wl_shm.invalid_fd"));
        for (String b : new String[] {"negative-offset", "zero-width", "negative-width", "zero-height", "negative-height",
                "negative-stride", "stride-below-row", "stride-not-whole-pixels", "past-pool-end", "size-overflows-int32",
                "offset-wraps-int32"}) {
            e.put("shm.buffer-" + b, invalidStride);
        }
        e.put("shm.format-unknown", Ending.error("wl_shm_pool", "wl_shm.invalid_format"));
        e.put("shm.format-not-advertised", Ending.error("wl_shm_pool", "wl_shm.invalid_format"));
        for (String fd : new String[] {"pipe", "socket", "directory", "dev-null"}) {
            e.put("shm.fd-" + fd, Ending.error("wl_shm", "wl_shm.invalid_fd"));
        }
        e.put("shm.pool-size-zero", Ending.error("wl_shm", "wl_shm.invalid_stride"));
        e.put("shm.pool-size-negative", Ending.error("wl_shm", "wl_shm.invalid_stride"));
        // the default per-client pool-bytes limit is 4 GiB: the third pool (or resize) of 2 GiB - 1 passes it
        e.put("shm.claim-terabyte-pools", noMemory);
        e.put("shm.claim-terabyte-resizes", noMemory);
        e.put("shm.thousand-pools", Ending.of(Outcome.SERVED));
        e.put("shm.sealed-truncate-refused", Ending.of(Outcome.SERVED));
        // the pool leaves the mapped path at the resize, so the hole is read by pread: a truncation like any other
        e.put("shm.sealed-resize-past-file", truncated);
        // each client's requests run in 2 ms slices, one slice per event-loop turn, so the bystander is answered
        // between two 64 MiB copies (ClientConnection.pause)
        e.put("shm.big-buffer-commit-storm", Ending.of(Outcome.SERVED));
        // limits.content-bytes-per-client (1 GiB): the second surface's copy is refused
        e.put("shm.content-copies-flood", noMemory);
        // a socket is not a regular file; the bystander is served within 1 s because the fd is probed and closed
        // off the event loop: close() of a lingering socket blocks for its linger time (10 s)
        e.put("stall.lingering-socket-fd", Ending.error("wl_shm", "wl_shm.invalid_fd"));
        // every try's file is 0 bytes when the buffer is read: a truncation like any other, however the race lands
        // (the seals are read before the size, so a pool is never mapped past its file's end)
        e.put("stall.seal-race", truncated);
        // one 1 GiB copy is within limits.content-bytes-per-client; it runs off the event loop
        e.put("stall.unwritten-gigabyte-buffer", Ending.of(Outcome.SERVED));
        // a pool gives back its whole size, what resize added too, when it goes: two 64 MiB pools at most are held
        e.put("shm.grown-pool-cycles", Ending.of(Outcome.SERVED));
        // DataSourceResource.MAX_MIME_TYPES (256)
        e.put("wire.data-offer-flood", noMemory);
        // XdgSurfaceResource.MAX_UNACKNOWLEDGED (100)
        e.put("wire.unacked-configure-flood", noMemory);
        // shm.limits.total-pool-files (8192): the client whose pool would be the 8193rd held in all is refused
        e.put("crowd.pool-files-together", noMemory);
        e.put("wire.size-below-8", invalidMethod);
        e.put("wire.size-not-multiple-of-4", invalidMethod);
        e.put("wire.size-above-4096", invalidMethod);
        e.put("wire.unknown-object", invalidObject);
        e.put("wire.unknown-opcode", invalidMethod);
        e.put("wire.string-without-nul", invalidMethod);
        e.put("wire.string-length-past-message", invalidMethod);
        e.put("wire.new-id-not-next", invalidMethod);
        Ending invalidObjectOnRegistry = Ending.error("wl_registry", "wl_display.invalid_object");
        e.put("wire.bind-wrong-interface", invalidObjectOnRegistry);
        e.put("wire.bind-too-high-version", invalidObjectOnRegistry);
        e.put("wire.fd-never-came", invalidMethod);
        // past the fd-queue limit (1024) the transport drops the client without a message to hang an error on
        e.put("wire.stray-fds", Ending.of(Outcome.DISCONNECTED));
        e.put("wire.cut-off-by-disconnect", Ending.of(Outcome.LEFT));
        // past outgoing-bytes (4 MiB) of unread events the client is dropped
        e.put("wire.sync-never-read", Ending.of(Outcome.DISCONNECTED));
        e.put("wire.objects-without-bound", noMemory);
        e.put("wire.never-reads-events", Ending.of(Outcome.DISCONNECTED));
        // SubcompositorResource.MAX_NESTING
        e.put("wire.subsurface-chain", noMemory);
        // not played in tests (TestScenarios.SLOW; ObjectMapTest covers the bound); ./shmward attack plays it
        // against a standalone server: ids past libwayland's WL_MAP_MAX_OBJECTS are not valid new ids
        e.put("wire.fresh-ids-without-end", invalidMethod);
        e.put("wire.request-storm", Ending.of(Outcome.SERVED));
        // under error the attacker's last connection may or may not have been thrown out when the crowd finished
        e.put("crowd.fifty-and-one-attacker", reaction == TruncationReaction.ERROR
                ? Ending.anyForTheAttacker() : Ending.of(Outcome.SERVED));
        return e;
    }
}
