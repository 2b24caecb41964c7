package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.spi.OpenFile;

/**
 * A FIFO or a socket node. Both exist as names with attributes, links and xattrs.
 * Opening a socket node gives ENXIO, as on Linux. Opening a FIFO gives a {@link TmpfsPipe}
 * shared by every open of this node.
 */
final class TmpfsSpecialNode extends TmpfsNode {
    private final FileType type;
    /** Non-null for FIFOs. */
    private final TmpfsPipe pipe;

    TmpfsSpecialNode(TmpfsFilesystem fs, FileType type, int perm, int uid, int gid) {
        super(fs, (perm & 07777) | type.bits(), uid, gid, 1);
        this.type = type;
        this.pipe = type == FileType.FIFO ? new TmpfsPipe(this) : null;
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
    public OpenFile open(int flags, Credentials credentials) throws ErrnoException {
        if (pipe == null) {
            throw Errno.ENXIO.exception("socket inode " + ino + " cannot be opened");
        }
        return pipe.open(flags);
    }
}
