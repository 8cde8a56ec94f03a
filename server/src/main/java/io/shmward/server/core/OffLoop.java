package io.shmward.server.core;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work for one client that may block (a system call on an fd that is not a shmem file, or a read too large
 * to make everyone wait for), run on worker threads while that client's dispatch is held, so its requests
 * keep their order and every other client is served meanwhile.
 *
 * <p>Each operation has a time limit. Past it the client gets the error its caller names, counted as
 * {@link DisconnectReason#FD_TIMEOUT}, and is disconnected; the worker may stay stuck in its system call,
 * and whatever it produces when (if ever) it returns is handed to the caller's {@code discard} on the loop,
 * so fds and memory are released then. Workers are bounded: when all are taken (by stuck calls, say) a new
 * operation fails at once with the same error rather than queue behind them.
 */
public final class OffLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OffLoop.class);

    private final ScheduledExecutorService loop;
    private final ThreadPoolExecutor workers;
    private final Duration limit;

    /**
     * @param loop       the event loop that owns protocol state; completions run there
     * @param limit      how long one operation may take
     * @param maxWorkers worker threads at most (idle ones end after a while)
     */
    public OffLoop(ScheduledExecutorService loop, Duration limit, int maxWorkers) {
        this.loop = loop;
        this.limit = limit;
        this.workers = new ThreadPoolExecutor(0, maxWorkers, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                Thread.ofPlatform().name("shmward-fd-worker-", 0).daemon().factory());
    }

    public Duration limit() {
        return limit;
    }

    /** Work to apply on the loop with the result of an operation; may post the client an error. */
    @FunctionalInterface
    public interface LoopStep<T> {
        void accept(T result) throws ProtocolError;
    }

    /**
     * Runs {@code work} on a worker while {@code client}'s dispatch is held. Its result goes to {@code then}
     * on the loop; when the client is gone or out of time by then, or {@code work} failed, {@code discard}
     * runs instead, once the worker is done with what it used (never while the worker may still touch it).
     * {@code work} must not throw for anything a client can do; an exception from it is a bug, answered as one.
     *
     * @param timeout the error the client gets when {@code work} takes longer than the limit
     */
    public <T> void run(Client client, Callable<T> work, LoopStep<T> then, Runnable discard,
                        Supplier<ProtocolError> timeout) {
        Operation<T> op = new Operation<>(client, then, discard, timeout);
        client.holdDispatch();
        op.timer = loop.schedule(op::timedOut, limit.toNanos(), TimeUnit.NANOSECONDS);
        if (!submit(op, work)) {
            log.warn("all {} fd workers are busy; refusing an operation of {}", workers.getMaximumPoolSize(), client);
            op.timedOut();
        }
    }

    /**
     * As {@link #run}, without a time limit, for work that cannot wait on anyone and only takes long (a large
     * copy out of a shmem file takes as long as the memory takes).
     *
     * @return false when no worker is free (they may all be stuck on other clients' files): nothing was
     *     started, and the caller does the work itself, on the loop, where it is slow but safe
     */
    public <T> boolean runUntimed(Client client, Callable<T> work, LoopStep<T> then, Runnable discard) {
        Operation<T> op = new Operation<>(client, then, discard, null);
        client.holdDispatch();
        if (submit(op, work)) {
            return true;
        }
        op.settled = true;
        client.resumeDispatch();
        return false;
    }

    private <T> boolean submit(Operation<T> op, Callable<T> work) {
        try {
            workers.execute(() -> {
                T result = null;
                Throwable failure = null;
                try {
                    result = work.call();
                } catch (Throwable t) {
                    failure = t;
                }
                T r = result;
                Throwable f = failure;
                try {
                    loop.execute(() -> op.finished(r, f));
                } catch (RejectedExecutionException stopped) {
                    // the server stopped while this call was stuck: no loop runs any more, so nothing else
                    // touches what the operation held, and it is released here
                    op.discard.run();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** One operation's state, touched only on the loop. */
    private static final class Operation<T> {
        private final Client client;
        private final LoopStep<T> then;
        private final Runnable discard;
        private final Supplier<ProtocolError> timeout;
        private ScheduledFuture<?> timer;
        private boolean settled;

        Operation(Client client, LoopStep<T> then, Runnable discard, Supplier<ProtocolError> timeout) {
            this.client = client;
            this.then = then;
            this.discard = discard;
            this.timeout = timeout;
        }

        void timedOut() {
            if (settled) {
                return;
            }
            settled = true;
            client.postError(timeout.get().because(DisconnectReason.FD_TIMEOUT));
            client.resumeDispatch();
        }

        void finished(T result, Throwable failure) {
            if (timer != null) {
                timer.cancel(false);
            }
            if (failure != null) {
                client.internalError("an operation off the event loop", failure);
            }
            if (settled || failure != null || client.isClosing()) {
                discard.run();
                if (!settled) {
                    settled = true;
                    client.resumeDispatch();
                }
                return;
            }
            settled = true;
            try {
                then.accept(result);
            } catch (ProtocolError e) {
                client.postError(e);
            } catch (RuntimeException | Error e) {
                client.internalError("completing an operation off the event loop", e);
            }
            client.resumeDispatch();
        }
    }

    @Override
    public void close() {
        workers.shutdown();
    }
}
