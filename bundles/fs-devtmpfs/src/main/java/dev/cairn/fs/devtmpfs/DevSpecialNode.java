package dev.cairn.fs.devtmpfs;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.spi.OpenFile;

/**
 * A character or block device node, FIFO or socket. The core opens all of these itself
 * (devices through the VFS device registry, FIFOs through its pipes, sockets are ENXIO), so
 * this node only has to stat right (type and rdev); {@link #open} is a fallback that refuses.
 */
final class DevSpecialNode extends DevNode {
    private final int major;
    private final int minor;
    /** Made by devtmpfs for a registered device (only those are removed with the device). */
    final boolean managed;

    DevSpecialNode(DevFilesystem fs, int mode, int uid, int gid, int major, int minor, boolean managed) {
        super(fs, mode, uid, gid, 1);
        boolean device = type() == FileType.CHAR_DEVICE || type() == FileType.BLOCK_DEVICE;
        this.major = device ? major : 0;
        this.minor = device ? minor : 0;
        this.managed = managed;
    }

    /** The special file type with these S_IFMT bits, or null if they name another kind. */
    static FileType typeOf(int typeBits) {
        for (FileType t : new FileType[] {FileType.CHAR_DEVICE, FileType.BLOCK_DEVICE, FileType.FIFO,
                FileType.SOCKET}) {
            if (t.bits() == typeBits) {
                return t;
            }
        }
        return null;
    }

    /** True for a character device node with this number. */
    boolean isCharDevice(int major, int minor) {
        return type() == FileType.CHAR_DEVICE && this.major == major && this.minor == minor;
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

    @Override
    public OpenFile open(int flags, Credentials credentials) throws ErrnoException {
        throw Errno.ENXIO.exception("devtmpfs cannot open a " + type().name().toLowerCase(java.util.Locale.ROOT)
                + " node");
    }
}
