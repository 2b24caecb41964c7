package dev.cairn.vfs;

/**
 * What {@code statfs(2)} reports. {@code type} is the Linux magic number
 * (e.g. 0x01021994 for tmpfs, 0x01021997 for v9fs).
 */
public record StatFs(long type, long blockSize, long blocks, long blocksFree, long blocksAvailable,
                     long files, long filesFree, long nameMax, long flags) {
    public static final long TMPFS_MAGIC = 0x01021994L;
    public static final long V9FS_MAGIC = 0x01021997L;
    public static final long PROC_SUPER_MAGIC = 0x9fa0L;
    public static final long SYSFS_MAGIC = 0x62656572L;
    public static final long DEVPTS_SUPER_MAGIC = 0x1cd1L;
    public static final long OVERLAYFS_SUPER_MAGIC = 0x794c7630L;
    public static final long FUSE_SUPER_MAGIC = 0x65735546L;

    /** An in-memory filesystem without limits. */
    public static StatFs unlimited(long magic) {
        return new StatFs(magic, 4096, 0, 0, 0, 0, 0, 255, 0);
    }
}
