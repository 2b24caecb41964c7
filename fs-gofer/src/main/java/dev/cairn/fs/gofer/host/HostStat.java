package dev.cairn.fs.gofer.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A host {@code struct stat} (x86-64 layout, 144 bytes), decoded. */
public record HostStat(long dev, long ino, long nlink, int mode, int uid, int gid, long rdev, long size,
                       long blksize, long blocks, long atimeSec, long atimeNsec, long mtimeSec, long mtimeNsec,
                       long ctimeSec, long ctimeNsec) {
    public static final int SIZE = 144;
    public static final int S_IFMT = 0170000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFLNK = 0120000;

    static HostStat decode(ByteBuffer b) {
        ByteBuffer s = b.duplicate().order(ByteOrder.nativeOrder());
        return new HostStat(s.getLong(0), s.getLong(8), s.getLong(16), s.getInt(24), s.getInt(28), s.getInt(32),
                s.getLong(40), s.getLong(48), s.getLong(56), s.getLong(64), s.getLong(72), s.getLong(80),
                s.getLong(88), s.getLong(96), s.getLong(104), s.getLong(112));
    }

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public boolean isRegular() {
        return (mode & S_IFMT) == S_IFREG;
    }

    public boolean isSymlink() {
        return (mode & S_IFMT) == S_IFLNK;
    }
}
