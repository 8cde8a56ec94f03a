package io.shmward.os;

/** The errno values Shmward reacts to (Linux numbering, the same on every architecture it runs on). */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EINVAL = 22;
    public static final int ENODEV = 19;
    public static final int ESPIPE = 29;
    public static final int EMFILE = 24;
    public static final int ENFILE = 23;
    public static final int EPIPE = 32;
    public static final int ENAMETOOLONG = 36;

    private Errno() {
    }
}
