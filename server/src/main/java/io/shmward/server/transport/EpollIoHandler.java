package io.shmward.server.transport;

import io.netty.channel.IoEvent;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoOps;
import io.netty.channel.IoRegistration;
import io.netty.util.concurrent.ThreadAwareExecutor;
import io.shmward.os.Epoll;
import io.shmward.os.MessageIo;
import io.shmward.os.OsException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loop's I/O: one {@code epoll_wait} per turn over every socket, on raw fds through FFM, in place
 * of Netty's NIO selector. Netty's {@code SingleThreadIoEventLoop} around it keeps running tasks and
 * timers; this handler waits for I/O until the next timer is due, hands each ready fd to its
 * {@link EpollHandle}, and flushes every connection that has events queued before it sleeps again, as
 * libwayland flushes all clients before it polls.
 *
 * <p>Confined to the loop thread, except {@link #wakeup()}. One {@link MessageIo} serves every connection:
 * its message header and ancillary buffer are reused, so reading and writing allocate nothing.
 */
final class EpollIoHandler implements IoHandler {
    private static final Logger log = LoggerFactory.getLogger(EpollIoHandler.class);
    private static final int MAX_EVENTS = 256;

    private final ThreadAwareExecutor executor;
    private final Epoll epoll;
    private final MessageIo io = new MessageIo();
    private final EpollEvent event = new EpollEvent();
    /** Registrations by token (their index); freed tokens are reused. */
    private final List<Registration> registrations = new ArrayList<>();
    private final ArrayDeque<Integer> freeTokens = new ArrayDeque<>();
    private final ArrayDeque<Flushable> toFlush = new ArrayDeque<>();
    private final BufferStash buffers = new BufferStash();
    /** {@link #armedDeadline} when the timer must be set again whatever the deadline. */
    private static final long UNKNOWN = Long.MIN_VALUE;
    /** The deadline the epoll timer is set for. */
    private long armedDeadline = UNKNOWN;
    /** A wake-up is written since the loop last woke: later ones need no system call. */
    private final AtomicBoolean wakeupPending = new AtomicBoolean();

    private EpollIoHandler(ThreadAwareExecutor executor) {
        this.executor = executor;
        try {
            this.epoll = new Epoll(MAX_EVENTS);
        } catch (OsException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the loop's one handler and keeps it, for registering the loop's fds from the loop itself. */
    static final class Factory implements IoHandlerFactory {
        private volatile EpollIoHandler made;

        @Override
        public IoHandler newHandler(ThreadAwareExecutor executor) {
            made = new EpollIoHandler(executor);
            return made;
        }

        EpollIoHandler made() {
            return made;
        }
    }

    /** Bytes and fds in and out of sockets, for this loop's connections. */
    MessageIo io() {
        return io;
    }

    /** Buffers for this loop's connections, kept between batches so busy clients do not churn the pool. */
    BufferStash buffers() {
        return buffers;
    }

    /** Has {@code f} flushed before the loop next sleeps. Call once per batch of events (the caller remembers). */
    void flushBeforeSleep(Flushable f) {
        toFlush.add(f);
    }

    @Override
    public int run(IoHandlerContext context) {
        wakeupPending.set(false);
        flushPending();
        int ready;
        try {
            ready = epoll.wait(context.canBlock() ? waitUntilNextTimer(context) : 0);
        } catch (OsException e) {
            log.error("epoll_wait failed; retrying on the next turn", e);
            return 0;
        }
        for (int i = 0; i < ready; i++) {
            int token = epoll.token(i);
            if (token == Epoll.TIMER_TOKEN) {
                armedDeadline = UNKNOWN; // it may have gone off early: set it again from the calendar
                continue;
            }
            if (token == Epoll.WAKEUP_TOKEN) {
                continue;
            }
            Registration registration = registrations.get(token);
            if (registration == null || !registration.valid) {
                continue; // cancelled by an earlier handle in this batch
            }
            event.readyBits = epoll.events(i);
            try {
                registration.handle.handle(registration, event);
            } catch (Throwable t) {
                survive(registration.handle, t);
            }
        }
        flushPending();
        return ready;
    }

    private void flushPending() {
        Flushable f;
        while ((f = toFlush.poll()) != null) {
            try {
                f.flush();
            } catch (Throwable t) {
                survive(f, t);
            }
        }
    }

    /**
     * Whatever one handle throws stays with it: an exception out of {@link #run} would end Netty's loop, and
     * with it every client. Connections turn their own failures into the client's internal error; what
     * reaches here is a failure of that too, or of the listener.
     */
    private static void survive(Object where, Throwable t) {
        log.error("the event loop caught a failure of {}", where, t);
    }

    /**
     * Sets the epoll instance's timer for the next scheduled task when that is sooner than the timer is set
     * for, and returns the wait's timeout: none (the timer wakes the loop), or 0 when a task is already
     * due. A later deadline leaves the timer as it is: it goes off early once, and is then set anew (Netty
     * reports a deadline a second ahead, new at every turn, when nothing is scheduled). So most turns cost
     * no timer call.
     */
    private int waitUntilNextTimer(IoHandlerContext context) throws OsException {
        long deadline = context.deadlineNanos();
        if (armedDeadline != UNKNOWN && deadline - armedDeadline >= 0) {
            return -1;
        }
        long delay = context.delayNanos(System.nanoTime());
        if (delay <= 0) {
            return 0;
        }
        epoll.setTimer(delay);
        armedDeadline = deadline;
        return -1;
    }

    /**
     * Adds a handle with no interest yet; call on the loop. Registrations made here bypass Netty's
     * {@code register}, whose wrapper hides this handler's registration type from the handle.
     */
    @Override
    public Registration register(IoHandle handle) {
        EpollHandle epollHandle = (EpollHandle) handle;
        Integer free = freeTokens.poll();
        int token = free != null ? free : registrations.size();
        Registration registration = new Registration(epollHandle, token);
        if (free != null) {
            registrations.set(token, registration);
        } else {
            registrations.add(registration);
        }
        return registration;
    }

    @Override
    public void wakeup() {
        if (!executor.isExecutorThread(Thread.currentThread()) && wakeupPending.compareAndSet(false, true)) {
            epoll.wakeup();
        }
    }

    @Override
    public boolean isCompatible(Class<? extends IoHandle> handleType) {
        return EpollHandle.class.isAssignableFrom(handleType);
    }

    /** The loop is shutting down: every handle still registered is closed (connections release their clients). */
    @Override
    public void prepareToDestroy() {
        for (Registration r : new ArrayList<>(registrations)) { // closing cancels: iterate a copy
            if (r != null && r.valid) {
                try {
                    r.handle.close();
                } catch (Exception e) {
                    log.warn("closing {} at shutdown failed", r.handle, e);
                }
            }
        }
    }

    @Override
    public void destroy() {
        buffers.releaseAll();
        epoll.close();
        io.close();
    }

    /** Something with output queued; flushed at the end of the loop's turn. */
    interface Flushable {
        void flush();
    }

    /** The ready bits of one fd, handed to its handle for the duration of the call (one instance, reused). */
    static final class EpollEvent implements IoEvent {
        private int readyBits;

        int bits() {
            return readyBits;
        }
    }

    /** The interest a handle asks for: {@link Epoll#IN} and {@link Epoll#OUT} bits; 0 stops all reports. */
    record Interest(int bits) implements IoOps {
        static final Interest NONE = new Interest(0);
        static final Interest IN = new Interest(Epoll.IN);
        static final Interest OUT = new Interest(Epoll.OUT);
        static final Interest IN_OUT = new Interest(Epoll.IN | Epoll.OUT);

        static Interest of(boolean in, boolean out) {
            return in ? (out ? IN_OUT : IN) : (out ? OUT : NONE);
        }
    }

    /**
     * One fd in the epoll set. With no interest the fd leaves the set altogether: epoll reports hang-ups
     * and errors whatever the interest, and a paused connection whose peer hung up would wake the loop
     * at every turn.
     */
    final class Registration implements IoRegistration {
        private final EpollHandle handle;
        private final int token;
        private boolean valid = true;
        private boolean inSet;
        private int bits;

        private Registration(EpollHandle handle, int token) {
            this.handle = handle;
            this.token = token;
        }

        EpollIoHandler handler() {
            return EpollIoHandler.this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T attachment() {
            return (T) handle;
        }

        /** Sets the interest to the given {@link Interest}; returns the bits now asked for. */
        @Override
        public long submit(IoOps ops) {
            int wanted = ((Interest) ops).bits();
            if (!valid || (wanted == bits && (inSet || wanted == 0))) {
                return bits;
            }
            try {
                if (wanted == 0) {
                    epoll.remove(handle.fd());
                    inSet = false;
                } else if (inSet) {
                    epoll.modify(handle.fd(), wanted, token);
                } else {
                    epoll.add(handle.fd(), wanted, token);
                    inSet = true;
                }
            } catch (OsException e) {
                throw new UncheckedIOException(e);
            }
            bits = wanted;
            return bits;
        }

        @Override
        public boolean isValid() {
            return valid;
        }

        /** Leaves the set; call before closing the fd (a closed fd leaves by itself, but only once no dup remains). */
        @Override
        public boolean cancel() {
            if (!valid) {
                return false;
            }
            if (inSet) {
                try {
                    epoll.remove(handle.fd());
                } catch (OsException e) {
                    log.debug("removing fd {} from epoll: {}", handle.fd(), e.getMessage());
                }
                inSet = false;
            }
            valid = false;
            registrations.set(token, null);
            freeTokens.add(token);
            handle.unregistered();
            return true;
        }
    }
}
