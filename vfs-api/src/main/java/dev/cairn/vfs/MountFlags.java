package dev.cairn.vfs;

/** mount(2) and umount2(2) flag values (Linux). */
public final class MountFlags {
    public static final int MS_RDONLY = 1;
    public static final int MS_NOSUID = 2;
    public static final int MS_NODEV = 4;
    public static final int MS_NOEXEC = 8;
    public static final int MS_REMOUNT = 32;
    public static final int MS_NOATIME = 1024;
    public static final int MS_BIND = 4096;
    public static final int MS_REC = 16384;

    /** umount2: detach now, free when no longer busy. */
    public static final int MNT_FORCE = 1;
    public static final int MNT_DETACH = 2;

    private MountFlags() {
    }
}
