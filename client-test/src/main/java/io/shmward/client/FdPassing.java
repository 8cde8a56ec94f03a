package io.shmward.client;

import io.shmward.os.Libc;
import io.shmward.os.OsException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * Moving fds between junixsocket's {@link FileDescriptor}s and plain fd numbers we own. Used by this
 * client and by the server's transport: both must take received fds out of junixsocket's hands, because
 * junixsocket closes every received fd it still considers open when its socket closes, by number, long
 * after that number may have been closed and reused by someone else.
 */
public final class FdPassing {
    private static final int F_DUPFD_CLOEXEC = 1030;

    private FdPassing() {
    }

    /**
     * Returns a close-on-exec duplicate of {@code received} that the caller owns, and closes junixsocket's
     * copy through the descriptor object (which marks it invalid, so junixsocket never closes it again).
     */
    public static int adopt(FileDescriptor received) throws IOException {
        int raw = FileDescriptorCast.using(received).as(Integer.class);
        try {
            return duplicate(raw);
        } finally {
            release(received);
        }
    }

    /** Closes a received fd we do not want, through its descriptor object. */
    public static void release(FileDescriptor received) throws IOException {
        try (FileInputStream closer = new FileInputStream(received)) {
            // closing the stream closes the fd and invalidates the descriptor
        }
    }

    /** A descriptor object for sending {@code fd}; the number stays ours to close. */
    public static FileDescriptor forSending(int fd) throws IOException {
        return FileDescriptorCast.unsafeUsing(fd).getFileDescriptor();
    }

    /** Duplicates {@code fd}, for callers that send an fd they keep using. */
    public static int duplicate(int fd) throws OsException {
        return Libc.fcntl(fd, F_DUPFD_CLOEXEC, 0);
    }
}
