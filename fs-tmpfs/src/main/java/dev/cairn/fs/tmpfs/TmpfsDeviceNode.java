package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.FileType;

/**
 * A character or block device node. It only records the device number; the core opens the
 * device through its registry (ENXIO when nothing is registered there), never this node.
 */
final class TmpfsDeviceNode extends TmpfsNode {
    private final FileType type;
    private final int major;
    private final int minor;

    TmpfsDeviceNode(TmpfsFilesystem fs, FileType type, int perm, int uid, int gid, int major, int minor) {
        super(fs, (perm & 07777) | type.bits(), uid, gid, 1);
        this.type = type;
        this.major = major;
        this.minor = minor;
    }

    @Override
    FileType fileType() {
        return type;
    }

    @Override
    long size() {
        return 0;
    }

    @Override
    int rdevMajor() {
        return major;
    }

    @Override
    int rdevMinor() {
        return minor;
    }
}
