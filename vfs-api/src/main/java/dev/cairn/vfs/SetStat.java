package dev.cairn.vfs;

/**
 * A change of attributes ({@code chmod}, {@code chown}, {@code truncate}, {@code utimensat}).
 * Only the fields whose bit is in {@code mask} apply. Times are nanoseconds since the epoch;
 * {@link #ATIME_NOW}/{@link #MTIME_NOW} mean "the current time" (UTIME_NOW).
 *
 * <p>The core checks permissions (owner, CAP_FOWNER, CAP_CHOWN, write access for truncate)
 * and computes side effects (clearing setuid/setgid on chown and on chmod by a non-member)
 * before a filesystem sees the request; a filesystem applies it and updates ctime.
 */
public record SetStat(int mask, int mode, int uid, int gid, long size, long atimeNanos, long mtimeNanos) {
    public static final int MODE = 1;
    public static final int UID = 2;
    public static final int GID = 4;
    public static final int SIZE = 8;
    public static final int ATIME = 16;
    public static final int MTIME = 32;
    /** With ATIME: set atime to now, ignoring {@code atimeNanos}. */
    public static final int ATIME_NOW = 64;
    /** With MTIME: set mtime to now, ignoring {@code mtimeNanos}. */
    public static final int MTIME_NOW = 128;
    /**
     * Sent by the core, together with {@code ATIME | ATIME_NOW}, after a read or a directory
     * listing when the atime is due for update (relatime rules, not on noatime mounts nor
     * for O_NOATIME descriptions). A node sets its atime to now and must NOT change ctime
     * for such a request (unlike utimensat). A node that keeps no atime ignores it.
     */
    public static final int ACCESSED = 256;

    public boolean has(int bit) {
        return (mask & bit) != 0;
    }

    public static SetStat mode(int mode) {
        return new SetStat(MODE, mode & 07777, 0, 0, 0, 0, 0);
    }

    /** chown; pass -1 to leave uid or gid unchanged, as chown(2) does. */
    public static SetStat owner(int uid, int gid) {
        int m = (uid == -1 ? 0 : UID) | (gid == -1 ? 0 : GID);
        return new SetStat(m, 0, uid, gid, 0, 0, 0);
    }

    public static SetStat size(long size) {
        return new SetStat(SIZE, 0, 0, 0, size, 0, 0);
    }

    public static SetStat times(long atimeNanos, long mtimeNanos) {
        return new SetStat(ATIME | MTIME, 0, 0, 0, 0, atimeNanos, mtimeNanos);
    }

    public static SetStat timesNow() {
        return new SetStat(ATIME | MTIME | ATIME_NOW | MTIME_NOW, 0, 0, 0, 0, 0, 0);
    }

    /** This request with more bits (and their values taken from {@code other}). */
    public SetStat withMode(int newMode) {
        return new SetStat(mask | MODE, newMode & 07777, uid, gid, size, atimeNanos, mtimeNanos);
    }
}
