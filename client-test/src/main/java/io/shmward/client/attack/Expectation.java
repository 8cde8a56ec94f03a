package io.shmward.client.attack;

import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.Protocol;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a robust compositor does in a scenario, independent of any one compositor: the accepted outcomes in
 * words ({@link #text}), what that rests on ({@link #basis}: the protocol's text or a reference
 * implementation's behaviour), and the test of an {@link Observation} against it. Every expectation also
 * implies what the catalogue checks for all scenarios: the compositor survives and a bystander is served.
 */
public record Expectation(String text, String basis, Predicate<Observation> test) {
    private static final Set<String> SHM_OBJECTS = Set.of("wl_shm", "wl_shm_pool", "wl_buffer");

    public boolean accepts(Observation o) {
        return test.test(o);
    }

    /** Adds a further condition (on measures, say), described in {@code also}. */
    public Expectation and(String also, Predicate<Observation> more) {
        return new Expectation(text + "; " + also, basis, test.and(more));
    }

    /** One of {@code wl_shm.error.<entries>} on wl_shm, a pool or a buffer, then disconnect. */
    public static Expectation shmError(String basis, String... entries) {
        InterfaceSpec shm = Protocol.standard().get("wl_shm");
        Set<Integer> codes = new HashSet<>();
        for (String entry : entries) {
            codes.add(shm.errorCode(entry));
        }
        String text = String.join(" or ", java.util.Arrays.stream(entries).map(e -> "wl_shm.error." + e).toList());
        return new Expectation(text, basis, o -> o.outcome() == Outcome.PROTOCOL_ERROR
                && SHM_OBJECTS.contains(o.error().interfaceName()) && codes.contains(o.error().code()));
    }

    /** {@code wl_shm.error.<entry>}, or the client served on: for checks the protocol leaves to the compositor. */
    public static Expectation shmErrorOrServed(String entry, String basis) {
        Expectation error = shmError(basis, entry);
        return new Expectation(error.text() + ", or served", basis,
                o -> error.accepts(o) || o.outcome() == Outcome.SERVED);
    }

    /**
     * The client's file shrank under (or never covered) a buffer the compositor reads: either
     * {@code wl_shm.error.invalid_fd} (libwayland's SIGBUS handler, Smithay) or the client keeps being
     * served with zeros for the missing bytes (wlroots, the MAP_NOSIGBUS semantics). Never a crash.
     */
    public static Expectation invalidFdOrServed(String basis) {
        return shmErrorOrServed("invalid_fd", basis).withText("wl_shm.error.invalid_fd, or served (zero-fill)");
    }

    /**
     * The message is refused: {@code wl_display.error.<entry>} and a disconnect (libwayland; on wl_display,
     * or for a refused bind on the registry), or a disconnect with no error (wayland-rs kills clients that
     * send malformed messages).
     */
    public static Expectation refused(String displayEntry, String basis) {
        int code = Protocol.standard().get("wl_display").errorCode(displayEntry);
        return new Expectation("wl_display.error." + displayEntry + " (or a plain disconnect)", basis,
                o -> o.outcome() == Outcome.DISCONNECTED || o.outcome() == Outcome.PROTOCOL_ERROR
                        && "wl_display".equals(ErrorNames.enumOwner(o.error())) && o.error().code() == code);
    }

    /** Any protocol error or a disconnect: for framing so broken that which error follows is incidental. */
    public static Expectation refusedSomehow(String basis) {
        return outcomes("refused: any wl_display.error, or a plain disconnect", basis,
                Outcome.PROTOCOL_ERROR, Outcome.DISCONNECTED);
    }

    /**
     * The attacker is kept within a bound: refused with an error (no_memory, say), disconnected, or pushed
     * back by the compositor no longer reading it.
     */
    public static Expectation bounded(String text, String basis) {
        return outcomes(text, basis, Outcome.PROTOCOL_ERROR, Outcome.DISCONNECTED, Outcome.THROTTLED);
    }

    /** The attacker is served on (a round trip after the attack succeeds). */
    public static Expectation served(String text, String basis) {
        return outcomes(text, basis, Outcome.SERVED);
    }

    public static Expectation outcomes(String text, String basis, Outcome first, Outcome... rest) {
        Set<Outcome> accepted = EnumSet.of(first, rest);
        return new Expectation(text, basis, o -> accepted.contains(o.outcome()));
    }

    private Expectation withText(String newText) {
        return new Expectation(newText, basis, test);
    }
}
