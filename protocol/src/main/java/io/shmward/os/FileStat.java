package io.shmward.os;

/** The parts of {@code struct stat} Shmward uses. */
public record FileStat(int mode, long size) {
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;

    public boolean isRegularFile() {
        return (mode & S_IFMT) == S_IFREG;
    }

    /** "regular file", "directory", "pipe"... for error messages. */
    public String kind() {
        return switch (mode & S_IFMT) {
            case 0100000 -> "regular file";
            case 0040000 -> "directory";
            case 0010000 -> "pipe";
            case 0140000 -> "socket";
            case 0020000 -> "character device";
            case 0060000 -> "block device";
            case 0120000 -> "symlink";
            default -> "file of mode 0" + Integer.toOctalString(mode);
        };
    }
}
