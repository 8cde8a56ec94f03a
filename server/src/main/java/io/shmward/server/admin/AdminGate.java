package io.shmward.server.admin;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may see what on one admin listener. The full API (per-client tables, window snapshots) shows what
 * one user's clients draw and who they are; on a TCP port any local process of any user can ask, so there
 * only aggregates are served unless the API was opened on purpose, and then only to a request with the
 * bearer token. On the Unix socket, in the server's 0700 runtime directory, the file system has already
 * said who may connect.
 */
interface AdminGate {
    /** The access {@code request} has. */
    Access of(FullHttpRequest request);

    /** What to tell a request that lacks access to the full API: where it is served. */
    String whereTheApiIs();

    enum Access {
        /** Everything. */
        FULL,
        /** Aggregates only: /metrics, the status page, counts. */
        AGGREGATES,
        /** The full API is open here, for requests with the token; this one had none or a wrong one. */
        NEEDS_TOKEN
    }

    /** The Unix socket: everything, to whoever the file system let connect. */
    static AdminGate unixSocket() {
        return new AdminGate() {
            @Override
            public Access of(FullHttpRequest request) {
                return Access.FULL;
            }

            @Override
            public String whereTheApiIs() {
                return "";
            }
        };
    }

    /**
     * A TCP listener: aggregates to anyone; the full API only when {@code token} is not null, to requests
     * that carry it ({@code Authorization: Bearer TOKEN}). {@code unixSocket} names the other way in.
     */
    static AdminGate tcp(String token, String unixSocket) {
        byte[] expected = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        return new AdminGate() {
            @Override
            public Access of(FullHttpRequest request) {
                if (expected == null) {
                    return Access.AGGREGATES;
                }
                String given = request.headers().get(HttpHeaderNames.AUTHORIZATION);
                // constant-time, so the token cannot be guessed byte by byte from response times
                return given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))
                        ? Access.FULL : Access.NEEDS_TOKEN;
            }

            @Override
            public String whereTheApiIs() {
                return expected == null
                        ? "the full admin API is served on the Unix socket " + unixSocket
                                + " (curl --unix-socket " + unixSocket + " http://localhost/api/clients), or over TCP "
                                + "when admin.api-over-tcp opens it, with a bearer token"
                        : "send the admin token: Authorization: Bearer TOKEN (the token file is beside the Unix socket "
                                + unixSocket + ")";
            }
        };
    }
}
