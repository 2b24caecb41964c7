package dev.cairn.vfs;

/**
 * The attributes of a node, as {@code statx} reports them. Times are nanoseconds since the
 * epoch. {@code mode} holds the file type bits and the permission bits.
 *
 * <p>Filesystems return it from {@code Node.stat()}; the core fills in {@code devMajor} and
 * {@code devMinor} of the filesystem instance before a caller sees it.
 */
public record Stat(
        int devMajor, int devMinor, long ino, int mode, long nlink, int uid, int gid,
        int rdevMajor, int rdevMinor, long size, int blksize, long blocks,
        long atimeNanos, long mtimeNanos, long ctimeNanos) {

    public FileType type() {
        try {
            return FileType.ofMode(mode);
        } catch (ErrnoException e) {
            return FileType.REGULAR;
        }
    }

    /** Permission bits including setuid, setgid and sticky (mode & 07777). */
    public int permissions() {
        return mode & 07777;
    }

    public boolean isDirectory() {
        return (mode & FileType.S_IFMT) == FileType.DIRECTORY.bits();
    }

    public boolean isRegular() {
        return (mode & FileType.S_IFMT) == FileType.REGULAR.bits();
    }

    public boolean isSymlink() {
        return (mode & FileType.S_IFMT) == FileType.SYMLINK.bits();
    }

    /** This stat with another device number (the core's view of the superblock). */
    public Stat withDev(int major, int minor) {
        return new Stat(major, minor, ino, mode, nlink, uid, gid, rdevMajor, rdevMinor, size,
                blksize, blocks, atimeNanos, mtimeNanos, ctimeNanos);
    }
}
