package dev.cairn.vfs.core;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.Stat;
import java.util.concurrent.locks.ReentrantLock;

/**
 * renameat2(2). Lock order: the VFS rename lock (only when the directories differ), then the
 * two directory locks, ancestor first, else older dentry first.
 */
final class Renamer {
    private final TaskImpl t;

    Renamer(TaskImpl t) {
        this.t = t;
    }

    void renameat2(int olddirfd, String oldPath, int newdirfd, String newPath, int flags) throws ErrnoException {
        if ((flags & ~(AtFlags.RENAME_NOREPLACE | AtFlags.RENAME_EXCHANGE)) != 0
                || flags == (AtFlags.RENAME_NOREPLACE | AtFlags.RENAME_EXCHANGE)) {
            throw Errno.EINVAL.exception("renameat2 flags 0x" + Integer.toHexString(flags));
        }
        Walk ow = t.at(olddirfd, oldPath);
        ow.walkToParent();
        Walk nw = t.at(newdirfd, newPath);
        nw.walkToParent();
        if (ow.m != nw.m) {
            throw Errno.EXDEV.exception(oldPath + " -> " + newPath);
        }
        if (ow.lastKind != Walk.LAST_NORM) {
            throw Errno.EBUSY.exception(oldPath);
        }
        if (nw.lastKind != Walk.LAST_NORM) {
            throw ((flags & AtFlags.RENAME_NOREPLACE) != 0 ? Errno.EEXIST : Errno.EBUSY).exception(newPath);
        }
        if (ow.m.readOnly()) {
            throw Errno.EROFS.exception(oldPath);
        }
        Dentry od = ow.d;
        Dentry nd = nw.d;
        ReentrantLock rl = od == nd ? null : t.vfs.renameLock;
        if (rl != null) {
            rl.lock();
        }
        try {
            Dentry first = od;
            Dentry second = nd;
            if (od != nd && !od.isAncestorOf(nd) && (nd.isAncestorOf(od) || nd.id < od.id)) {
                first = nd;
                second = od;
            }
            first.lock.lock();
            try {
                if (second != first) {
                    second.lock.lock();
                }
                try {
                    renameLocked(ow, nw, flags, oldPath, newPath);
                } finally {
                    if (second != first) {
                        second.lock.unlock();
                    }
                }
            } finally {
                first.lock.unlock();
            }
        } finally {
            if (rl != null) {
                rl.unlock();
            }
        }
    }

    private void renameLocked(Walk ow, Walk nw, int flags, String oldPath, String newPath) throws ErrnoException {
        Dentry od = ow.d;
        Dentry nd = nw.d;
        Credentials c = ow.creds;
        String oldName = ow.lastName();
        String newName = nw.lastName();
        boolean exchange = (flags & AtFlags.RENAME_EXCHANGE) != 0;
        if (od.dead || nd.dead) {
            throw Errno.ENOENT.exception(od.dead ? oldPath : newPath);
        }
        Dentry src = ow.lastChild();
        if (src == null) {
            throw Errno.ENOENT.exception(oldPath);
        }
        Dentry dst = nw.lastChild();
        if ((ow.trailing || nw.trailing) && !src.isDir()) {
            throw Errno.ENOTDIR.exception(ow.trailing ? oldPath : newPath);
        }
        if (exchange && dst == null) {
            throw Errno.ENOENT.exception(newPath);
        }
        if ((flags & AtFlags.RENAME_NOREPLACE) != 0 && dst != null) {
            throw Errno.EEXIST.exception(newPath);
        }
        if (src.isDir() && src.isAncestorOf(nd)) {
            throw Errno.EINVAL.exception(oldPath + " -> " + newPath + ": into its own subtree");
        }
        if (dst != null && dst.isAncestorOf(od)) {
            throw (exchange ? Errno.EINVAL : Errno.ENOTEMPTY).exception(newPath);
        }
        if (dst != null && src.node == dst.node) {
            return;
        }
        Stat ost = od.node.stat();
        Stat nst = od == nd ? ost : nd.node.stat();
        // As vfs_rename: may_delete(old) (access, then sticky), then may_create/may_delete(new).
        if (!Perms.permitted(c, ost, Perms.MAY_WRITE | Perms.MAY_EXEC)) {
            throw Errno.EACCES.exception(oldPath);
        }
        if (PathOps.stickyDenied(c, ost, src)) {
            throw Errno.EPERM.exception(oldPath + ": sticky directory");
        }
        if (!Perms.permitted(c, nst, Perms.MAY_WRITE | Perms.MAY_EXEC)) {
            throw Errno.EACCES.exception(newPath);
        }
        if (dst != null && PathOps.stickyDenied(c, nst, dst)) {
            throw Errno.EPERM.exception(newPath + ": sticky directory");
        }
        if (od != nd) {
            if (src.isDir() && !Perms.permitted(c, src.node.stat(), Perms.MAY_WRITE)) {
                throw Errno.EACCES.exception(oldPath);
            }
            if (exchange && dst.isDir() && !Perms.permitted(c, dst.node.stat(), Perms.MAY_WRITE)) {
                throw Errno.EACCES.exception(newPath);
            }
        }
        if (dst != null && !exchange) {
            if (src.isDir() && !dst.isDir()) {
                throw Errno.ENOTDIR.exception(newPath);
            }
            if (!src.isDir() && dst.isDir()) {
                throw Errno.EISDIR.exception(newPath);
            }
            if (dst.isDir() && !isEmptyDir(dst)) {
                throw Errno.ENOTEMPTY.exception(newPath);
            }
        }
        if (exchange && dst.isDir() && dst.isAncestorOf(od)) {
            throw Errno.EINVAL.exception(newPath);
        }
        if (src.isMountpoint() || (dst != null && dst.isMountpoint()) || src.synthetic
                || (dst != null && dst.synthetic)) {
            throw Errno.EBUSY.exception(oldPath + " -> " + newPath + ": mount point");
        }
        Dentry victim = dst != null && !exchange && dst.isDir() ? dst : null;
        if (victim != null) {
            victim.lock.lock(); // after both parents: it is their child, not an ancestor
        }
        try {
            if (victim != null && !isEmptyDir(victim)) {
                throw Errno.ENOTEMPTY.exception(newPath);
            }
            od.node.rename(oldName, src.node, nd.node, newName, dst == null ? null : dst.node, flags);
            if (victim != null) {
                victim.dead = true;
            }
        } finally {
            if (victim != null) {
                victim.lock.unlock();
            }
        }
        od.children.removeLocked(src);
        if (dst != null) {
            nd.children.removeLocked(dst);
        }
        src.setNameLocked(nd, newName);
        nd.children.putLocked(src);
        if (exchange) {
            dst.setNameLocked(od, oldName);
            od.children.putLocked(dst);
        } else if (dst != null) {
            dst.dead = true;
        }
    }

    static boolean isEmptyDir(Dentry d) throws ErrnoException {
        if (PathOps.hasLiveSyntheticChildren(d)) {
            return false;
        }
        boolean[] any = {false};
        d.node.readdir(0, (name, ino, type, next) -> {
            any[0] = true;
            return false;
        });
        return !any[0];
    }
}
