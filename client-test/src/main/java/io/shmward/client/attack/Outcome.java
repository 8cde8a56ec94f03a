package io.shmward.client.attack;

/** What became of an attacking client, as seen from the client's side of the socket. */
public enum Outcome {
    /** The compositor sent {@code wl_display.error} and closed the connection. */
    PROTOCOL_ERROR("protocol error"),
    /** The compositor closed the connection without an error. */
    DISCONNECTED("disconnected"),
    /** The attacker's round trip after the attack completed: the compositor still serves it. */
    SERVED("served"),
    /**
     * The compositor stopped reading the attacker, so the attacker's writes blocked: bounded by back
     * pressure, the socket buffers being the bound.
     */
    THROTTLED("throttled"),
    /** The attack ends with the attacker closing its own connection (a message cut off by disconnect). */
    LEFT("attacker left"),
    /** The connection stayed open but nothing answered within the timeout. */
    STALLED("stalled"),
    /** The attack could not be set up as intended (its premise failed), so it says nothing. */
    INCONCLUSIVE("inconclusive"),
    /** The scenario was not run: the target was down and could not be restarted. */
    NOT_RUN("not run");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
