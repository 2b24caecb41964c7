package dev.cairn.fs.gofer.p9;

/**
 * The body of Rgetattr: what the server knows about a file. {@code valid} says which fields
 * are meaningful ({@link #BASIC} for the stat fields).
 */
public record Attr(long valid, Qid qid, int mode, int uid, int gid, long nlink, long rdev, long size,
                   long blksize, long blocks, long atimeSec, long atimeNsec, long mtimeSec, long mtimeNsec,
                   long ctimeSec, long ctimeNsec, long btimeSec, long btimeNsec, long gen, long dataVersion) {
    public static final long MODE = 0x1;
    public static final long NLINK = 0x2;
    public static final long UID = 0x4;
    public static final long GID = 0x8;
    public static final long RDEV = 0x10;
    public static final long ATIME = 0x20;
    public static final long MTIME = 0x40;
    public static final long CTIME = 0x80;
    public static final long INO = 0x100;
    public static final long SIZE = 0x200;
    public static final long BLOCKS = 0x400;
    public static final long BTIME = 0x800;
    public static final long GEN = 0x1000;
    public static final long DATA_VERSION = 0x2000;
    /** Everything stat(2) reports. */
    public static final long BASIC = 0x7ff;
    public static final long ALL = 0x3fff;

    /** The device major of {@code rdev} (Linux's new_encode_dev layout). */
    public int rdevMajor() {
        return (int) (((rdev >>> 8) & 0xfffL) | ((rdev >>> 32) & 0xfffff000L));
    }

    /** The device minor of {@code rdev}. */
    public int rdevMinor() {
        return (int) ((rdev & 0xffL) | ((rdev >>> 12) & 0xffffff00L));
    }

    /** Encodes major:minor as a 64-bit dev_t, as glibc's makedev does. */
    public static long makedev(int major, int minor) {
        long ma = major & 0xffffffffL;
        long mi = minor & 0xffffffffL;
        return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
    }
}
