package io.shmward.client.attack;

/** The attack could not be set up as it must be (the kernel allowed what it should refuse, say). */
public final class PremiseFailed extends Exception {
    public PremiseFailed(String message) {
        super(message);
    }
}
