package io.shmward.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * An epoll instance with its own wake-up eventfd and timer, for one thread that waits on many fds, as libwayland's
 * event loop does. Interest is level-triggered; each fd is registered with a caller-chosen int token that
 * {@link #wait} hands back. Every method but {@link #wakeup()} belongs to the owning thread.
 */
public final class Epoll implements AutoCloseable {
    public static final int IN = 0x001;
    public static final int OUT = 0x004;
    public static final int ERR = 0x008;
    public static final int HUP = 0x010;
    public static final int RDHUP = 0x2000;

    /** The token {@link #wait} reports for the wake-up eventfd; callers' tokens must differ. */
    public static final int WAKEUP_TOKEN = -1;
    /** The token {@link #wait} reports when the timer set with {@link #setTimer} went off. */
    public static final int TIMER_TOKEN = -2;

    private static final int EPOLL_CLOEXEC = 02000000;
    private static final int EFD_NONBLOCK = 04000;
    private static final int EFD_CLOEXEC = 02000000;
    private static final int CTL_ADD = 1;
    private static final int CTL_DEL = 2;
    private static final int CTL_MOD = 3;
    /** struct epoll_event is packed on x86_64 (12 bytes), naturally aligned elsewhere (16). */
    private static final boolean PACKED = !"aarch64".equals(System.getProperty("os.arch"));
    private static final long EVENT_SIZE = PACKED ? 12 : 16;
    private static final long DATA_OFFSET = PACKED ? 4 : 8;

    private static final MethodHandle EPOLL_CREATE1 = Libc.errnoCall("epoll_create1",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_CTL = Libc.errnoCall("epoll_ctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.critical(false));
    private static final MethodHandle EPOLL_WAIT = Libc.errnoCall("epoll_wait",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final int CLOCK_MONOTONIC = 1;
    private static final int TFD_NONBLOCK = 04000;
    private static final int TFD_CLOEXEC = 02000000;
    private static final MethodHandle TIMERFD_CREATE = Libc.errnoCall("timerfd_create",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle TIMERFD_SETTIME = Libc.errnoCall("timerfd_settime",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), Linker.Option.critical(false));
    private static final MethodHandle EVENTFD = Libc.errnoCall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle WRITE = Libc.errnoCall("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), Linker.Option.critical(false));
    private static final MethodHandle READ = Libc.errnoCall("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), Linker.Option.critical(false));

    /** Freed with this object, not at close: another thread may be in {@link #wakeup()} as the owner closes. */
    private final Arena arena = Arena.ofAuto();
    private volatile boolean closed;
    private final int epfd;
    private final int wakeFd;
    private final int timerFd;
    /** struct itimerspec: interval (zero: one shot), then the value. */
    private final MemorySegment timerSpec;
    private final int capacity;
    private final MemorySegment events;
    private final MemorySegment ctlEvent;
    private final MemorySegment capture;
    private final MemorySegment counter;
    /** Separate from {@link #capture}: wakeup runs on other threads. */
    private final MemorySegment wakeCapture;
    private final MemorySegment one;

    /** An epoll instance that reports up to {@code capacity} ready fds per wait. */
    public Epoll(int capacity) throws OsException {
        this.capacity = capacity;
        events = arena.allocate(EVENT_SIZE * capacity, 8);
        ctlEvent = arena.allocate(16, 8);
        capture = Libc.newCaptureSegment(arena);
        wakeCapture = Libc.newCaptureSegment(arena);
        counter = arena.allocate(JAVA_LONG);
        one = arena.allocate(JAVA_LONG);
        one.set(JAVA_LONG, 0, 1L);
        timerSpec = arena.allocate(32, 8);
        int ep = -1;
        int ev = -1;
        int tf = -1;
        try {
            ep = check("epoll_create1", (int) EPOLL_CREATE1.invokeExact(capture, EPOLL_CLOEXEC));
            ev = check("eventfd", (int) EVENTFD.invokeExact(capture, 0, EFD_NONBLOCK | EFD_CLOEXEC));
            tf = check("timerfd_create", (int) TIMERFD_CREATE.invokeExact(capture, CLOCK_MONOTONIC,
                    TFD_NONBLOCK | TFD_CLOEXEC));
        } catch (OsException e) {
            closeAll(ep, ev, tf);
            throw e;
        } catch (Throwable t) {
            closeAll(ep, ev, tf);
            throw new AssertionError("epoll downcall failed", t);
        }
        epfd = ep;
        wakeFd = ev;
        timerFd = tf;
        add(wakeFd, IN, WAKEUP_TOKEN);
        add(timerFd, IN, TIMER_TOKEN);
    }

    public void add(int fd, int interest, int token) throws OsException {
        ctl(CTL_ADD, fd, interest, token);
    }

    public void modify(int fd, int interest, int token) throws OsException {
        ctl(CTL_MOD, fd, interest, token);
    }

    public void remove(int fd) throws OsException {
        ctl(CTL_DEL, fd, 0, 0);
    }

    /**
     * Waits up to {@code timeoutMillis} (0: do not wait, -1: no limit) and returns how many fds are ready;
     * read them with {@link #token} and {@link #events}. An interrupted wait reports none ready. A wake-up
     * is consumed here and reported as {@link #WAKEUP_TOKEN}.
     */
    public int wait(int timeoutMillis) throws OsException {
        int n;
        try {
            n = (int) EPOLL_WAIT.invokeExact(capture, epfd, events, capacity, timeoutMillis);
        } catch (Throwable t) {
            throw new AssertionError("epoll_wait downcall failed", t);
        }
        if (n < 0) {
            int errno = Libc.errnoIn(capture);
            if (errno == Errno.EINTR) {
                return 0;
            }
            throw new OsException("epoll_wait", errno);
        }
        for (int i = 0; i < n; i++) {
            if (token(i) == WAKEUP_TOKEN) {
                drainCounter(wakeFd);
            } else if (token(i) == TIMER_TOKEN) {
                drainCounter(timerFd);
            }
        }
        return n;
    }

    /**
     * Makes {@link #wait} report {@link #TIMER_TOKEN} once, {@code delayNanos} from now; 0 disarms. A timer
     * of its own instead of a timeout on every wait: a timed wait arms a kernel timer each time it sleeps,
     * which on a virtual machine costs a trip to the hypervisor whenever it is the CPU's earliest timer;
     * this one is set only when the next deadline changes.
     */
    public void setTimer(long delayNanos) throws OsException {
        timerSpec.set(JAVA_LONG, 0, 0L);
        timerSpec.set(JAVA_LONG, 8, 0L);
        timerSpec.set(JAVA_LONG, 16, delayNanos / 1_000_000_000L);
        timerSpec.set(JAVA_LONG, 24, delayNanos % 1_000_000_000L);
        int r;
        try {
            r = (int) TIMERFD_SETTIME.invokeExact(capture, timerFd, 0, timerSpec, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new AssertionError("timerfd_settime downcall failed", t);
        }
        check("timerfd_settime", r);
    }

    /** The token of the {@code i}-th ready fd of the last {@link #wait}. */
    public int token(int i) {
        return (int) events.get(JAVA_LONG_UNALIGNED, i * EVENT_SIZE + DATA_OFFSET);
    }

    /** The ready bits ({@link #IN}, {@link #OUT}, {@link #ERR}, {@link #HUP}...) of the {@code i}-th ready fd. */
    public int events(int i) {
        return events.get(JAVA_INT_UNALIGNED, i * EVENT_SIZE);
    }

    /** Makes a {@link #wait} in progress, or the next one, return. Any thread. */
    public void wakeup() {
        if (closed) {
            return; // the fd number may belong to someone else by now
        }
        try {
            long ignored = (long) WRITE.invokeExact(wakeCapture, wakeFd, one, 8L);
        } catch (Throwable t) {
            throw new AssertionError("eventfd write failed", t);
        }
        // a failed write means the counter is already at its limit: a wake-up is pending either way
    }

    @Override
    public void close() {
        closed = true;
        closeAll(epfd, wakeFd, timerFd);
    }

    /** Reads an eventfd's or timerfd's counter, so it stops polling ready. */
    private void drainCounter(int fd) {
        try {
            long ignored = (long) READ.invokeExact(capture, fd, counter, 8L);
        } catch (Throwable t) {
            throw new AssertionError("counter read failed", t);
        }
    }

    private void ctl(int op, int fd, int interest, int token) throws OsException {
        ctlEvent.set(JAVA_INT_UNALIGNED, 0, interest);
        ctlEvent.set(JAVA_LONG_UNALIGNED, DATA_OFFSET, token);
        int r;
        try {
            r = (int) EPOLL_CTL.invokeExact(capture, epfd, op, fd, ctlEvent);
        } catch (Throwable t) {
            throw new AssertionError("epoll_ctl downcall failed", t);
        }
        check("epoll_ctl", r);
    }

    private int check(String call, int r) throws OsException {
        if (r < 0) {
            throw new OsException(call, Libc.errnoIn(capture));
        }
        return r;
    }

    private static void closeAll(int... fds) {
        for (int fd : fds) {
            if (fd >= 0) {
                Libc.closeQuietly(fd);
            }
        }
    }
}
