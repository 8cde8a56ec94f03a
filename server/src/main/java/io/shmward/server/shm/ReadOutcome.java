package io.shmward.server.shm;

/**
 * How a copy out of pool memory went.
 *
 * @param requested  bytes asked for
 * @param zeroFilled bytes that could not be read from the file and were written as zeros instead
 * @param failure    why bytes were missing
 * @param errno      the errno of an I/O error, else 0
 */
public record ReadOutcome(long requested, long zeroFilled, Failure failure, int errno) {

    public enum Failure {
        /** Every byte came from the file. */
        NONE,
        /** The file ended before the range did: the client shrank it. */
        TRUNCATED,
        /** Reading failed (EIO and the like): a fault of the file, not a truncation. */
        IO_ERROR
    }

    static ReadOutcome complete(long requested) {
        return new ReadOutcome(requested, 0, Failure.NONE, 0);
    }

    /** The outcome of two reads in sequence: bytes add up, the first failure is kept. */
    ReadOutcome then(ReadOutcome next) {
        Failure f = failure != Failure.NONE ? failure : next.failure;
        int e = errno != 0 ? errno : next.errno;
        return new ReadOutcome(requested + next.requested, zeroFilled + next.zeroFilled, f, e);
    }

    public boolean isComplete() {
        return failure == Failure.NONE;
    }
}
