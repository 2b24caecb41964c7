package dev.cairn.vfs;

/**
 * How a filesystem type is registered in one VFS (gVisor's RegisterFilesystemTypeOptions).
 *
 * @param allowUserMount a task's mount(2) may use it (else ENODEV, as for unknown types)
 * @param allowUserList  listed in /proc/filesystems
 * @param requiresDevice the source must name a block device ("nodev" absent in the list)
 */
public record TypePolicy(boolean allowUserMount, boolean allowUserList, boolean requiresDevice) {
    /** The default for third-party types: listed, not user-mountable, no device. */
    public static final TypePolicy LIST_ONLY = new TypePolicy(false, true, false);
    public static final TypePolicy USER_MOUNTABLE = new TypePolicy(true, true, false);
}
