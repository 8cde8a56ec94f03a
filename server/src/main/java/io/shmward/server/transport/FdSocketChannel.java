package io.shmward.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.shmward.os.Libc;
import io.shmward.server.core.SharedBudget;
import io.shmward.server.fd.FdCloser;
import java.io.FileDescriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketCredentials;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * A Netty NIO channel over a junixsocket AF_UNIX channel that carries fds both ways.
 *
 * <p>In: fds the kernel delivered with a read are moved into the connection's {@link FdQueue} before the
 * read's bytes go up the pipeline, so a message finds its fds queued when its bytes are complete (the
 * kernel delivers fds with the first byte of their sendmsg). Each fd is taken out of junixsocket's
 * bookkeeping ({@link ReceivedFd}) without a system call on its file, which might block.
 *
 * <p>Out: fds queued with {@link #queueOutboundFd} ride on the next write syscall, ahead of or with the
 * bytes of their message; ours are closed once the kernel has taken them.
 */
public final class FdSocketChannel extends NioSocketChannel {
    private final FdQueue inbound;
    private final FdCloser.Account fds;
    private final TransportObserver observer;
    private final List<Integer> outbound = new ArrayList<>();
    private final List<Integer> inFlight = new ArrayList<>();

    FdSocketChannel(Channel parent, AFUNIXSocketChannel socket, int fdQueueCapacity, SharedBudget queuedFds,
                    FdCloser closer, TransportObserver observer) {
        super(parent, socket);
        this.fds = closer.account();
        this.inbound = new FdQueue(fdQueueCapacity, queuedFds, fds, observer);
        this.observer = observer;
        AncillaryReceiveBuffer.enlarge(socket);
    }

    /** The fds received so far and not yet taken by a message. */
    public FdQueue inboundFds() {
        return inbound;
    }

    /** How this connection's received fds are closed, and how many wait for a close that blocks. */
    public FdCloser.Account fdAccount() {
        return fds;
    }

    /** Sends {@code fd} with the next write; the channel owns it from now on. */
    public void queueOutboundFd(int fd) {
        outbound.add(fd);
    }

    /** SO_PEERCRED of the client, or null when the kernel would not say. */
    public AFUNIXSocketCredentials peerCredentials() {
        try {
            return socket().getPeerCredentials();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    protected int doReadBytes(ByteBuf buf) throws Exception {
        int n = super.doReadBytes(buf);
        for (FileDescriptor fd : socket().getReceivedFileDescriptors()) {
            adopt(fd);
        }
        return n;
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) throws Exception {
        AFUNIXSocketChannel socket = socket();
        if (!outbound.isEmpty() && !in.isEmpty() && !socket.hasOutboundFileDescriptors()) {
            FileDescriptor[] fds = new FileDescriptor[outbound.size()];
            for (int i = 0; i < fds.length; i++) {
                fds[i] = FileDescriptorCast.unsafeUsing(outbound.get(i)).getFileDescriptor();
            }
            socket.setOutboundFileDescriptors(fds);
            inFlight.addAll(outbound);
            outbound.clear();
        }
        super.doWrite(in);
        if (!inFlight.isEmpty() && !socket.hasOutboundFileDescriptors()) {
            closeAll(inFlight); // the kernel holds its own references now
        }
    }

    @Override
    protected void doClose() throws Exception {
        try {
            super.doClose();
        } finally {
            inbound.closeAll();
            closeAll(outbound);
            closeAll(inFlight);
        }
    }

    private AFUNIXSocketChannel socket() {
        return (AFUNIXSocketChannel) javaChannel();
    }

    private void adopt(FileDescriptor received) throws IOException {
        observer.fdReceived();
        int fd = ReceivedFd.take(received);
        if (inbound.overflowed()) {
            fds.close(fd); // the client is being dropped; keep nothing more of its
            observer.fdClosed();
            return;
        }
        inbound.offer(fd);
    }

    private static void closeAll(List<Integer> fds) {
        for (int fd : fds) {
            Libc.closeQuietly(fd);
        }
        fds.clear();
    }
}
