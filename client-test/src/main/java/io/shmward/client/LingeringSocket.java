package io.shmward.client;

import io.shmward.os.Libc;
import io.shmward.os.OsException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * A loopback TCP connection that is never accepted nor read, whose send queue is full and whose
 * {@code SO_LINGER} is on: the last {@code close()} of the socket waits the linger time out. Sent to a
 * compositor as a pool fd, with our copy closed, it makes the compositor's close the one that waits.
 */
public final class LingeringSocket implements AutoCloseable {
    private static final int CHUNK = 1 << 16;
    private static final long FILL_NANOS = 5_000_000_000L;

    private final ServerSocketChannel listener;
    private final int fd;
    private final long queued;
    private boolean ours = true;

    private LingeringSocket(ServerSocketChannel listener, int fd, long queued) {
        this.listener = listener;
        this.fd = fd;
        this.queued = queued;
    }

    /** Connects, fills the send queue, and sets the linger to {@code seconds}. */
    public static LingeringSocket open(int seconds) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        int fd = -1;
        try {
            fd = Libc.connectTcpLoopback(((InetSocketAddress) listener.getLocalAddress()).getPort());
            long queued = fill(fd);
            Libc.setLinger(fd, seconds);
            return new LingeringSocket(listener, fd, queued);
        } catch (IOException | RuntimeException e) {
            if (fd >= 0) {
                Libc.closeQuietly(fd);
            }
            listener.close();
            throw e;
        }
    }

    /** Sends without blocking until the kernel takes no more (the peer's window and our queue are full). */
    private static long fill(int fd) throws IOException {
        long total = 0;
        long deadline = System.nanoTime() + FILL_NANOS;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment chunk = arena.allocate(CHUNK);
            while (System.nanoTime() < deadline) {
                long n = Libc.sendNonBlocking(fd, chunk, CHUNK);
                if (n == 0) {
                    return total;
                }
                total += n;
            }
        }
        throw new IOException("the loopback socket took " + total + " bytes and wanted more after 5 s");
    }

    public int fd() {
        return fd;
    }

    /** Bytes written before the queue was full. */
    public long queued() {
        return queued;
    }

    /** Bytes still waiting to be sent: what the last close waits for. */
    public long unsent() throws OsException {
        return Libc.unsentBytes(fd);
    }

    /**
     * Closes our copy once someone else holds the socket (it was sent, and the receiver has it or the
     * kernel holds it in flight): our close is then not the last, and returns at once.
     */
    public void handOver() throws OsException {
        ours = false;
        Libc.close(fd);
    }

    /** Resets the connection at once if we still own the socket (linger 0), and stops listening. */
    @Override
    public void close() throws IOException {
        if (ours) {
            ours = false;
            try {
                Libc.setLinger(fd, 0);
            } catch (OsException e) {
                // closed below all the same
            }
            Libc.closeQuietly(fd);
        }
        listener.close();
    }
}
