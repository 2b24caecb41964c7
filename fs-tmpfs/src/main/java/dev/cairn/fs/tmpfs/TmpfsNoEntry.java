package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;

/**
 * The ENOENT of a lookup miss. Misses are routine (every create looks the name up first), so
 * this exception skips the stack trace, which would cost more than the lookup itself.
 */
final class TmpfsNoEntry extends ErrnoException {
    private static final long serialVersionUID = 1L;

    TmpfsNoEntry(String name) {
        super(Errno.ENOENT, name);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
