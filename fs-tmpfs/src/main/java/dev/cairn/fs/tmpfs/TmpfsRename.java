package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.Node;

/**
 * rename(2) and renameat2 RENAME_NOREPLACE / RENAME_EXCHANGE between two tmpfs directories.
 * Holds the filesystem's tree lock, then both directories' monitors in inode order.
 */
final class TmpfsRename {
    private TmpfsRename() {
    }

    static void rename(TmpfsDirectory from, String oldName, Node child, Node newParent, String newName,
                       Node replaced, int flags) throws ErrnoException {
        if ((flags & ~(Node.RENAME_NOREPLACE | Node.RENAME_EXCHANGE)) != 0
                || flags == (Node.RENAME_NOREPLACE | Node.RENAME_EXCHANGE)) {
            throw Errno.EINVAL.exception(oldName + ": rename flags 0x" + Integer.toHexString(flags));
        }
        if (!(newParent instanceof TmpfsDirectory to) || to.fs != from.fs) {
            throw Errno.EXDEV.exception(newName + ": rename across filesystems");
        }
        synchronized (from.fs.treeLock()) {
            TmpfsDirectory first = from.ino <= to.ino ? from : to;
            TmpfsDirectory second = first == from ? to : from;
            synchronized (first) {
                synchronized (second) {
                    renameLocked(from, oldName, child, to, newName, replaced, flags);
                }
            }
        }
    }

    private static void renameLocked(TmpfsDirectory from, String oldName, Node child, TmpfsDirectory to,
                                     String newName, Node replaced, int flags) throws ErrnoException {
        TmpfsDirEntry src = from.entry(oldName);
        if (src == null || (child != null && src.node() != child)) {
            throw Errno.ENOENT.exception(oldName);
        }
        if (to.removed()) {
            throw Errno.ENOENT.exception(newName + ": target directory was removed");
        }
        TmpfsDirEntry dst = to.entry(newName);
        if (dst != null && replaced != null && dst.node() != replaced) {
            throw Errno.ENOENT.exception(newName + ": changed during rename");
        }
        if ((flags & Node.RENAME_EXCHANGE) != 0) {
            if (dst == null) {
                throw Errno.ENOENT.exception(newName);
            }
            exchange(from, src, to, dst);
            return;
        }
        if (dst != null && (flags & Node.RENAME_NOREPLACE) != 0) {
            throw Errno.EEXIST.exception(newName);
        }
        TmpfsNode moving = src.node();
        if (dst != null && dst.node() == moving) {
            return; // two links to one inode: rename(2) does nothing
        }
        if (dst != null) {
            checkReplaceable(moving, dst.node(), newName);
        }
        if (dst != null && dst.node() instanceof TmpfsDirectory d) {
            d.markRemoved();
        }
        if (from == to && moving instanceof TmpfsDirectory && dst != null) {
            // the replaced directory's ".." counted towards this directory
            from.addLinks(-1);
        }
        from.removeLocked(src);
        if (dst != null) {
            to.removeLocked(dst);
        }
        to.putLocked(newName, moving);
        if (moving instanceof TmpfsDirectory && from != to) {
            from.addLinks(-1);
            if (dst == null || !(dst.node() instanceof TmpfsDirectory)) {
                to.addLinks(1);
            }
        }
        moving.touchChanged();
        from.touchModified();
        to.touchModified();
        if (dst != null) {
            if (dst.node() instanceof TmpfsDirectory) {
                dst.node().freeInode();
            } else {
                dst.node().dropLink();
            }
        }
    }

    private static void checkReplaceable(TmpfsNode moving, TmpfsNode old, String newName) throws ErrnoException {
        boolean movingDir = moving instanceof TmpfsDirectory;
        boolean oldDir = old instanceof TmpfsDirectory;
        if (movingDir && !oldDir) {
            throw Errno.ENOTDIR.exception(newName);
        }
        if (!movingDir && oldDir) {
            throw Errno.EISDIR.exception(newName);
        }
        if (oldDir && !((TmpfsDirectory) old).isEmpty()) {
            throw Errno.ENOTEMPTY.exception(newName);
        }
    }

    private static void exchange(TmpfsDirectory from, TmpfsDirEntry src, TmpfsDirectory to, TmpfsDirEntry dst) {
        TmpfsNode a = src.node();
        TmpfsNode b = dst.node();
        from.removeLocked(src);
        to.removeLocked(dst);
        from.putLocked(src.name(), b);
        to.putLocked(dst.name(), a);
        if (from != to) {
            boolean aDir = a instanceof TmpfsDirectory;
            boolean bDir = b instanceof TmpfsDirectory;
            if (aDir && !bDir) {
                from.addLinks(-1);
                to.addLinks(1);
            } else if (bDir && !aDir) {
                from.addLinks(1);
                to.addLinks(-1);
            }
        }
        a.touchChanged();
        b.touchChanged();
        from.touchModified();
        to.touchModified();
    }
}
