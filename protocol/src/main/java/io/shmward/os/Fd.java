package io.shmward.os;

/**
 * A file descriptor received from a peer, and the duty to close it, until someone {@linkplain #take takes}
 * that duty. A decoded request carries its fds as these handles; whoever decoded the request closes every
 * handle nobody took once the handler is done, whether it returned or threw, so a handler that ignores or
 * refuses an fd cannot leak it.
 *
 * <p>It does not close itself: the server closes what it was sent through its closer (a close may block on
 * someone else's file), so the owner of the handles decides how. Event-loop confined, like all protocol
 * state.
 */
public final class Fd {
    private final int raw;
    private boolean taken;

    private Fd(int raw) {
        this.raw = raw;
    }

    /** From here on this handle answers for {@code raw}. */
    public static Fd adopt(int raw) {
        return new Fd(raw);
    }

    /** The number, lent for a system call or a trace line; the duty to close stays where it is. */
    public int raw() {
        return raw;
    }

    /** Moves the duty to close to the caller, once; the handle's owner will not close it any more. */
    public int take() {
        if (taken) {
            throw new IllegalStateException("fd " + raw + " was already taken");
        }
        taken = true;
        return raw;
    }

    public boolean isTaken() {
        return taken;
    }

    @Override
    public String toString() {
        return "fd " + raw + (taken ? " (taken)" : "");
    }
}
