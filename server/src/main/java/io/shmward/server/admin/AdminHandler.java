package io.shmward.server.admin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty side of the admin endpoint: one full request in, one full response out, via {@link AdminRoutes},
 * with the access its listener's {@link AdminGate} grants. One request at a time per connection: reading
 * pauses until the answer is written, so a client of the admin API cannot pile up snapshots.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);

    private final AdminRoutes routes;
    private final AdminGate gate;

    AdminHandler(AdminRoutes routes, AdminGate gate) {
        this.routes = routes;
        this.gate = gate;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            write(ctx, AdminRoutes.Response.text(400, "malformed request"), false);
            return;
        }
        if (!request.method().equals(HttpMethod.GET)) {
            write(ctx, AdminRoutes.Response.text(405, "only GET is served here"), keepAlive);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        String accept = request.headers().get(HttpHeaderNames.ACCEPT);
        ctx.channel().config().setAutoRead(false);
        routes.get(path, accept, gate.of(request), gate, ctx.executor()).whenCompleteAsync((response, failure) -> {
            if (failure != null) {
                log.warn("admin request {} failed: {}", path, failure.toString());
                write(ctx, AdminRoutes.Response.text(503, "the server could not answer: " + failure.getMessage()), false);
            } else {
                write(ctx, response, keepAlive);
            }
            ctx.channel().config().setAutoRead(true);
        }, ctx.executor());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("admin connection failed: {}", cause.toString());
        ctx.close();
    }

    private static void write(ChannelHandlerContext ctx, AdminRoutes.Response r, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(r.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        HttpUtil.setContentLength(response, r.body().length);
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
