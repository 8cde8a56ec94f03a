package io.shmward.server.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.newsclub.net.unix.AFUNIXSelectorProvider;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The admin endpoint's two listeners, on event-loop groups of their own, so HTTP parsing, JSON and PNG
 * encoding never take time from Wayland clients (protocol state is reached only through
 * {@link ProtocolView}):
 * <ul>
 *   <li>a Unix socket beside the Wayland socket, mode 0600 in the 0700 runtime directory, serving the full
 *       API to whoever the file system lets in: the user who runs the server;</li>
 *   <li>a TCP port (optional), serving aggregates to anyone on the machine, and the full API only when
 *       opened on purpose, to requests with the bearer token ({@link AdminGate#tcp}).</li>
 * </ul>
 */
public final class AdminServer implements AutoCloseable {
    /** Requests are GETs; anything bigger than this is refused by the aggregator. */
    private static final int MAX_REQUEST_BYTES = 16 * 1024;
    private static final int BACKLOG = 16;

    private final EventLoopGroup tcpGroup;
    private final EventLoopGroup unixGroup;
    private final Channel tcp;
    private final Channel unix;
    private final Path unixSocket;
    private final Path tokenFile;

    private AdminServer(EventLoopGroup tcpGroup, EventLoopGroup unixGroup, Channel tcp, Channel unix, Path unixSocket,
                        Path tokenFile) {
        this.tcpGroup = tcpGroup;
        this.unixGroup = unixGroup;
        this.tcp = tcp;
        this.unix = unix;
        this.unixSocket = unixSocket;
        this.tokenFile = tokenFile;
    }

    /**
     * Serves the full API on {@code unixSocket} and the gated one on {@code host:port} (port 0: a free one).
     * With {@code apiOverTcp} the full API is served over TCP too, to requests with the token
     * ({@code token}, or a random one when blank), written beside the socket as {@code SOCKET-token}.
     */
    public static AdminServer start(Path unixSocket, String host, int port, boolean apiOverTcp, String token,
                                    AdminRoutes routes) throws IOException {
        Path tokenFile = apiOverTcp ? Path.of(unixSocket + "-token") : null;
        String issued = apiOverTcp ? AdminToken.issue(tokenFile, token) : null;
        EventLoopGroup unixGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory(AFUNIXSelectorProvider.provider()));
        EventLoopGroup tcpGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Channel unix = null;
        try {
            unix = bind(new ServerBootstrap().group(unixGroup)
                    .channelFactory((ChannelFactory<ServerChannel>) () -> new NioServerSocketChannel(boundUnix(unixSocket))),
                    routes, AdminGate.unixSocket()).register().sync().channel();
            Channel tcp = bind(new ServerBootstrap().group(tcpGroup).channel(NioServerSocketChannel.class), routes,
                    AdminGate.tcp(issued, unixSocket.toString())).bind(new InetSocketAddress(host, port)).sync().channel();
            return new AdminServer(tcpGroup, unixGroup, tcp, unix, unixSocket, tokenFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(unix, unixSocket, tokenFile, unixGroup, tcpGroup);
            throw new IOException("interrupted while binding the admin endpoint", e);
        } catch (Exception e) {
            shutdown(unix, unixSocket, tokenFile, unixGroup, tcpGroup);
            throw new IOException("cannot serve the admin endpoint on " + host + ":" + port + " and " + unixSocket
                    + ": " + e.getMessage() + " (choose another with --admin HOST:PORT, port 0 for any free one, "
                    + "or --admin off)", e);
        }
    }

    private static ServerBootstrap bind(ServerBootstrap bootstrap, AdminRoutes routes, AdminGate gate) {
        return bootstrap.childHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                        new AdminHandler(routes, gate));
            }
        });
    }

    /**
     * Bound before Netty registers it (an unbound AF_UNIX socket polls as hung up), replacing a stale socket
     * file, and made 0600: the runtime directory is 0700 already, but a socket given as an absolute path may
     * sit in a directory others can enter.
     */
    private static AFUNIXServerSocketChannel boundUnix(Path path) {
        try {
            Files.deleteIfExists(path);
            AFUNIXServerSocketChannel channel = AFUNIXServerSocketChannel.open();
            channel.bind(AFUNIXSocketAddress.of(path.toFile()), BACKLOG);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            return channel;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The TCP address bound, with the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return (InetSocketAddress) tcp.localAddress();
    }

    /** The TCP endpoint's base URL, e.g. {@code http://127.0.0.1:9477/}. */
    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/";
    }

    /** The Unix socket that serves the full API. */
    public Path unixSocket() {
        return unixSocket;
    }

    /** The file holding the token that opens the full API over TCP; null when TCP serves aggregates only. */
    public Path tokenFile() {
        return tokenFile;
    }

    /** Where each part is served, one line each, for the start-up message. */
    public java.util.List<String> describe() {
        return java.util.List.of(
                "admin endpoint " + url() + (tokenFile == null
                        ? " (metrics and aggregate status; no client's data)"
                        : " (metrics and status; the full API with the bearer token in " + tokenFile + ")"),
                "admin API (clients, surfaces, snapshots) on the Unix socket " + unixSocket + ", e.g. curl --unix-socket "
                        + unixSocket + " http://localhost/api/clients");
    }

    @Override
    public void close() {
        tcp.close().syncUninterruptibly();
        shutdown(unix, unixSocket, tokenFile, unixGroup, tcpGroup);
    }

    private static void shutdown(Channel unix, Path unixSocket, Path tokenFile, EventLoopGroup unixGroup,
                                 EventLoopGroup tcpGroup) {
        if (unix != null) {
            unix.close().syncUninterruptibly();
        }
        try {
            Files.deleteIfExists(unixSocket);
            if (tokenFile != null) {
                Files.deleteIfExists(tokenFile);
            }
        } catch (IOException e) {
            // left behind; the next start replaces them
        }
        unixGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        tcpGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
