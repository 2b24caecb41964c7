package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.FileType;

/**
 * A FIFO or a socket node: a name with attributes, links and xattrs but no data. The core
 * opens FIFOs itself (one pipe per node) and refuses sockets with ENXIO, so this node never
 * sees open().
 */
final class TmpfsSpecialNode extends TmpfsNode {
    private final FileType type;

    TmpfsSpecialNode(TmpfsFilesystem fs, FileType type, int perm, int uid, int gid) {
        super(fs, (perm & 07777) | type.bits(), uid, gid, 1);
        this.type = type;
    }

    @Override
    FileType fileType() {
        return type;
    }

    @Override
    long size() {
        return 0;
    }
}
