package dev.cairn.fs.gofer.host;

import java.nio.ByteBuffer;

/** A host {@code struct stat}, decoded ({@link HostArch} knows the layouts). */
public record HostStat(long dev, long ino, long nlink, int mode, int uid, int gid, long rdev, long size,
                       long blksize, long blocks, long atimeSec, long atimeNsec, long mtimeSec, long mtimeNsec,
                       long ctimeSec, long ctimeNsec) {
    public static final int SIZE = HostArch.STAT_BYTES;
    public static final int S_IFMT = 0170000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFLNK = 0120000;

    static HostStat decode(ByteBuffer b) {
        return HostArch.CURRENT.decode(b);
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
