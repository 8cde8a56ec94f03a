package io.shmward.server.core;

/**
 * Who is on the other end of a connection (SO_PEERCRED), with the command name from /proc for logs.
 * pid, uid and gid are -1 when the kernel could not say.
 */
public record PeerCredentials(int pid, int uid, int gid, String command) {
    public static final PeerCredentials UNKNOWN = new PeerCredentials(-1, -1, -1, "?");

    @Override
    public String toString() {
        return command + "[pid " + pid + ", uid " + uid + "]";
    }
}
