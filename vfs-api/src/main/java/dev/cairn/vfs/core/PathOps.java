package dev.cairn.vfs.core;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Capability;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.SetStat;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.NodeAttrs;
import java.util.ArrayList;
import java.util.List;

/** Path system calls of a task that create, remove or change nodes (not open/rename). */
final class PathOps {
    private static final int MKDIR = 0;
    private static final int MKNOD = 1;
    private static final int SYMLINK = 2;

    private final TaskImpl t;

    PathOps(TaskImpl t) {
        this.t = t;
    }

    // ---- creation ---------------------------------------------------------------------

    /** Walks to the parent of a new entry; EEXIST for "/", "." and "..". */
    private Walk parentOfNew(int dirfd, String path) throws ErrnoException {
        Walk w = t.at(dirfd, path);
        w.walkToParent();
        if (w.lastKind != Walk.LAST_NORM) {
            throw Errno.EEXIST.exception(path);
        }
        return w;
    }

    void mkdirat(int dirfd, String path, int mode) throws ErrnoException {
        Walk w = parentOfNew(dirfd, path);
        create(w, MKDIR, FileType.DIRECTORY.bits() | (mode & 01777), null, 0, 0);
    }

    void mknodat(int dirfd, String path, int mode, int major, int minor) throws ErrnoException {
        int type = mode & FileType.S_IFMT;
        if (type == 0) {
            type = FileType.REGULAR.bits();
        }
        if (type == FileType.DIRECTORY.bits() || type == FileType.SYMLINK.bits()) {
            throw Errno.EPERM.exception(path + ": mknod cannot make directories or symlinks");
        }
        if (type != FileType.REGULAR.bits() && type != FileType.FIFO.bits() && type != FileType.SOCKET.bits()
                && type != FileType.CHAR_DEVICE.bits() && type != FileType.BLOCK_DEVICE.bits()) {
            throw Errno.EINVAL.exception(path + ": mknod mode 0" + Integer.toOctalString(mode));
        }
        boolean dev = type == FileType.CHAR_DEVICE.bits() || type == FileType.BLOCK_DEVICE.bits();
        if (dev && !t.credentials().has(Capability.CAP_MKNOD)) {
            throw Errno.EPERM.exception(path + ": CAP_MKNOD required");
        }
        Walk w = parentOfNew(dirfd, path);
        create(w, MKNOD, type | (mode & 07777), null, dev ? major : 0, dev ? minor : 0);
    }

    void symlinkat(String target, int dirfd, String linkPath) throws ErrnoException {
        if (target == null || target.isEmpty()) {
            throw Errno.ENOENT.exception(linkPath + ": empty symlink target");
        }
        if (Utf8.length(target) >= Walk.PATH_MAX) {
            throw Errno.ENAMETOOLONG.exception(linkPath + ": symlink target too long");
        }
        Walk w = parentOfNew(dirfd, linkPath);
        create(w, SYMLINK, FileType.SYMLINK.bits() | 0777, target, 0, 0);
    }

    /** Creates the last component of {@code w} under its directory's lock. */
    private void create(Walk w, int kind, int mode, String target, int major, int minor) throws ErrnoException {
        Dentry dir = w.d;
        Credentials c = w.creds;
        String name = w.lastName();
        dir.lock.lock();
        try {
            if (w.lastChild() != null) {
                throw Errno.EEXIST.exception(w.origPath);
            }
            if (w.trailing && kind != MKDIR) {
                throw Errno.ENOENT.exception(w.origPath);
            }
            if (dir.dead) {
                throw Errno.ENOENT.exception(w.origPath);
            }
            if (w.m.readOnly()) {
                throw Errno.EROFS.exception(w.origPath);
            }
            Stat pst = dir.node.stat();
            if (!Perms.permitted(c, pst, Perms.MAY_WRITE | Perms.MAY_EXEC)) {
                throw Errno.EACCES.exception(w.origPath);
            }
            int type = mode & FileType.S_IFMT;
            int umask = kind == SYMLINK ? 0 : t.umask();
            NodeAttrs attrs = Perms.newNodeAttrs(c, pst, type, mode & 07777, umask, major, minor);
            Node n;
            switch (kind) {
                case MKDIR -> n = dir.node.mkdir(name, attrs);
                case SYMLINK -> n = dir.node.symlink(name, target, attrs);
                default -> n = type == FileType.REGULAR.bits() ? dir.node.create(name, attrs)
                        : dir.node.mknod(name, attrs);
            }
            dir.children.putLocked(new Dentry(n, dir.fs, type, dir, name, false));
        } catch (ErrnoException e) {
            throw e.detail().contains(w.origPath) ? e : e.withContext(w.origPath);
        } finally {
            dir.lock.unlock();
        }
    }

    void linkat(int olddirfd, String oldPath, int newdirfd, String newPath, int flags) throws ErrnoException {
        if ((flags & ~(AtFlags.AT_SYMLINK_FOLLOW | AtFlags.AT_EMPTY_PATH)) != 0) {
            throw Errno.EINVAL.exception("linkat flags 0x" + Integer.toHexString(flags));
        }
        Walk src = t.resolveAt(olddirfd, oldPath, (flags & AtFlags.AT_SYMLINK_FOLLOW) != 0,
                flags & AtFlags.AT_EMPTY_PATH);
        Walk w = parentOfNew(newdirfd, newPath);
        Credentials c = w.creds;
        Dentry dir = w.d;
        String name = w.lastName();
        // Linux order: the new name (EEXIST, ENOENT), EXDEV, EROFS, protected links (EPERM),
        // write access to the directory (EACCES), then EPERM for a directory source.
        dir.lock.lock();
        try {
            if (w.lastChild() != null) {
                throw Errno.EEXIST.exception(newPath);
            }
            if (w.trailing || dir.dead) {
                throw Errno.ENOENT.exception(newPath);
            }
            if (src.m != w.m) {
                throw Errno.EXDEV.exception(oldPath + " -> " + newPath);
            }
            if (w.m.readOnly()) {
                throw Errno.EROFS.exception(newPath);
            }
            Stat st = src.d.node.stat();
            if (!mayLink(c, st)) {
                throw Errno.EPERM.exception(oldPath + ": protected hard link (not owner)");
            }
            Stat pst = dir.node.stat();
            if (!Perms.permitted(c, pst, Perms.MAY_WRITE | Perms.MAY_EXEC)) {
                throw Errno.EACCES.exception(newPath);
            }
            if (src.d.isDir()) {
                throw Errno.EPERM.exception(oldPath + ": hard link to a directory");
            }
            if (src.d.dead && st.nlink() == 0) {
                throw Errno.ENOENT.exception(oldPath + ": file was removed");
            }
            dir.node.link(name, src.d.node);
            dir.children.putLocked(new Dentry(src.d.node, dir.fs, src.d.type, dir, name, false));
        } finally {
            dir.lock.unlock();
        }
    }

    /** fs.protected_hardlinks = 1. */
    private static boolean mayLink(Credentials c, Stat st) {
        if (c.uid() == st.uid() || c.has(Capability.CAP_FOWNER)) {
            return true;
        }
        int mode = st.mode();
        if (!st.isRegular() || (mode & Perms.S_ISUID) != 0
                || (mode & (Perms.S_ISGID | Perms.S_IXGRP)) == (Perms.S_ISGID | Perms.S_IXGRP)) {
            return false;
        }
        return Perms.permitted(c, st, Perms.MAY_READ | Perms.MAY_WRITE);
    }

    // ---- removal ----------------------------------------------------------------------

    void unlinkat(int dirfd, String path, int flags) throws ErrnoException {
        if ((flags & ~AtFlags.AT_REMOVEDIR) != 0) {
            throw Errno.EINVAL.exception("unlinkat flags 0x" + Integer.toHexString(flags));
        }
        boolean rmdir = (flags & AtFlags.AT_REMOVEDIR) != 0;
        Walk w = t.at(dirfd, path);
        w.walkToParent();
        if (w.lastKind != Walk.LAST_NORM) {
            if (!rmdir) {
                throw Errno.EISDIR.exception(path);
            }
            throw (w.lastKind == Walk.LAST_DOT ? Errno.EINVAL
                    : w.lastKind == Walk.LAST_DOTDOT ? Errno.ENOTEMPTY : Errno.EBUSY).exception(path);
        }
        Dentry dir = w.d;
        Credentials c = w.creds;
        String name = w.lastName();
        dir.lock.lock();
        try {
            if (w.m.readOnly()) {
                throw Errno.EROFS.exception(path);
            }
            Dentry child = w.lastChild();
            if (child == null) {
                throw Errno.ENOENT.exception(path);
            }
            if (!rmdir && w.trailing) {
                throw (child.isDir() ? Errno.EISDIR : Errno.ENOTDIR).exception(path);
            }
            if (!Perms.overridesDirChecks(c)) {
                Stat pst = dir.node.stat();
                if (!Perms.permitted(c, pst, Perms.MAY_WRITE | Perms.MAY_EXEC)) {
                    throw Errno.EACCES.exception(path);
                }
                if (stickyDenied(c, pst, child)) {
                    throw Errno.EPERM.exception(path + ": sticky directory");
                }
            }
            if (rmdir) {
                if (!child.isDir()) {
                    throw Errno.ENOTDIR.exception(path);
                }
                if (child.isMountpoint() || (child == t.rootDentry())) {
                    throw Errno.EBUSY.exception(path);
                }
                // The victim's lock too (parent first): no create can slip into it meanwhile.
                child.lock.lock();
                try {
                    if (hasLiveSyntheticChildren(child)) {
                        throw Errno.ENOTEMPTY.exception(path);
                    }
                    if (!child.synthetic) {
                        dir.node.rmdir(name, child.node);
                    }
                    child.dead = true;
                } finally {
                    child.lock.unlock();
                }
            } else {
                if (child.isDir()) {
                    throw Errno.EISDIR.exception(path);
                }
                if (child.isMountpoint()) {
                    throw Errno.EBUSY.exception(path);
                }
                dir.node.unlink(name, child.node);
            }
            dir.children.removeLocked(child);
            child.dead = true;
        } finally {
            dir.lock.unlock();
        }
    }

    static boolean hasLiveSyntheticChildren(Dentry d) {
        if (d.children == null) {
            return false;
        }
        for (Dentry c : d.children.snapshot()) {
            if (c.synthetic && !c.dead) {
                return true;
            }
        }
        return false;
    }

    /** Sticky directory rule: only the owner of the entry or the directory, or CAP_FOWNER. */
    static boolean stickyDenied(Credentials c, Stat dirSt, Dentry child) throws ErrnoException {
        if ((dirSt.mode() & Perms.S_ISVTX) == 0 || c.uid() == dirSt.uid() || c.has(Capability.CAP_FOWNER)) {
            return false;
        }
        return c.uid() != child.node.stat().uid();
    }

    // ---- attributes -------------------------------------------------------------------

    void access(int dirfd, String path, int mode, int flags) throws ErrnoException {
        if ((mode & ~7) != 0) {
            throw Errno.EINVAL.exception("access mode " + mode);
        }
        if ((flags & ~(AtFlags.AT_SYMLINK_NOFOLLOW | AtFlags.AT_EACCESS | AtFlags.AT_EMPTY_PATH)) != 0) {
            throw Errno.EINVAL.exception("faccessat flags 0x" + Integer.toHexString(flags));
        }
        Walk w = t.resolveAt(dirfd, path, (flags & AtFlags.AT_SYMLINK_NOFOLLOW) == 0, flags);
        if (mode == AtFlags.F_OK) {
            return;
        }
        Stat st = w.d.node.stat();
        boolean dataType = st.isRegular() || st.isDirectory() || st.isSymlink();
        if ((mode & AtFlags.W_OK) != 0 && dataType && w.m.readOnly()) {
            throw Errno.EROFS.exception(path);
        }
        if ((mode & AtFlags.X_OK) != 0 && st.isRegular() && w.m.noexec()) {
            throw Errno.EACCES.exception(path + ": mount is noexec");
        }
        if (!Perms.permitted(w.creds, st, mode)) {
            throw Errno.EACCES.exception(path);
        }
    }

    void chmod(Walk w, int mode) throws ErrnoException {
        Credentials c = w.creds;
        if (w.d.isSymlink()) {
            throw Errno.EOPNOTSUPP.exception(w.origPath + ": chmod of a symlink");
        }
        if (w.m.readOnly()) {
            throw Errno.EROFS.exception(w.origPath);
        }
        Stat st = w.d.node.stat();
        if (!Perms.ownerOrCapable(c, st)) {
            throw Errno.EPERM.exception(w.origPath + ": not the owner");
        }
        int m = mode & 07777;
        if (!c.inGroup(st.gid()) && !c.has(Capability.CAP_FSETID)) {
            m &= ~Perms.S_ISGID;
        }
        w.d.node.setStat(SetStat.mode(m));
    }

    void chown(Walk w, int uid, int gid) throws ErrnoException {
        Credentials c = w.creds;
        if (w.m.readOnly()) {
            throw Errno.EROFS.exception(w.origPath);
        }
        Stat st = w.d.node.stat();
        boolean owner = c.uid() == st.uid();
        boolean chown = c.has(Capability.CAP_CHOWN);
        if (uid != -1 && !(chown || (owner && uid == st.uid()))) {
            throw Errno.EPERM.exception(w.origPath + ": changing the owner needs CAP_CHOWN");
        }
        if (gid != -1 && !(chown || (owner && (gid == st.gid() || c.inGroup(gid))))) {
            throw Errno.EPERM.exception(w.origPath + ": not the owner or not a member of group " + gid);
        }
        if (uid == -1 && gid == -1) {
            return;
        }
        int mask = (uid == -1 ? 0 : SetStat.UID) | (gid == -1 ? 0 : SetStat.GID);
        int mode = st.mode() & 07777;
        if (!st.isDirectory()) {
            int kill = mode & Perms.S_ISUID;
            if ((mode & (Perms.S_ISGID | Perms.S_IXGRP)) == (Perms.S_ISGID | Perms.S_IXGRP)) {
                kill |= Perms.S_ISGID;
            }
            if (kill != 0) {
                mask |= SetStat.MODE;
                mode &= ~kill;
            }
        }
        w.d.node.setStat(new SetStat(mask, mode, uid, gid, 0, 0, 0));
    }

    void truncateNode(MountImpl m, Dentry d, long length, boolean checkAccess, String what) throws ErrnoException {
        if (length < 0) {
            throw Errno.EINVAL.exception(what + ": negative length " + length);
        }
        if (d.isDir()) {
            throw Errno.EISDIR.exception(what);
        }
        if (!d.isRegular()) {
            throw Errno.EINVAL.exception(what + ": not a regular file");
        }
        Credentials c = t.credentials();
        if (checkAccess) {
            if (m.readOnly()) {
                throw Errno.EROFS.exception(what);
            }
            if (!Perms.permitted(c, d.node.stat(), Perms.MAY_WRITE)) {
                throw Errno.EACCES.exception(what);
            }
        }
        Stat st = d.node.stat();
        int kill = Perms.privsToKill(c, st.mode());
        if (kill != 0) {
            d.node.setStat(new SetStat(SetStat.SIZE | SetStat.MODE, st.mode() & ~kill & 07777, 0, 0, length, 0, 0));
        } else {
            d.node.setStat(SetStat.size(length));
        }
    }

    void utimens(Walk w, long atime, long mtime) throws ErrnoException {
        if (atime == Task.UTIME_OMIT && mtime == Task.UTIME_OMIT) {
            return;
        }
        if (w.m.readOnly()) {
            throw Errno.EROFS.exception(w.origPath);
        }
        Credentials c = w.creds;
        Stat st = w.d.node.stat();
        boolean explicit = (atime != Task.UTIME_NOW && atime != Task.UTIME_OMIT)
                || (mtime != Task.UTIME_NOW && mtime != Task.UTIME_OMIT);
        if (!Perms.ownerOrCapable(c, st)) {
            if (explicit) {
                throw Errno.EPERM.exception(w.origPath + ": setting explicit times needs ownership");
            }
            if (!Perms.permitted(c, st, Perms.MAY_WRITE)) {
                throw Errno.EACCES.exception(w.origPath);
            }
        }
        int mask = 0;
        if (atime != Task.UTIME_OMIT) {
            mask |= SetStat.ATIME | (atime == Task.UTIME_NOW ? SetStat.ATIME_NOW : 0);
        }
        if (mtime != Task.UTIME_OMIT) {
            mask |= SetStat.MTIME | (mtime == Task.UTIME_NOW ? SetStat.MTIME_NOW : 0);
        }
        w.d.node.setStat(new SetStat(mask, 0, 0, 0, 0,
                atime == Task.UTIME_NOW || atime == Task.UTIME_OMIT ? 0 : atime,
                mtime == Task.UTIME_NOW || mtime == Task.UTIME_OMIT ? 0 : mtime));
    }

    // ---- extended attributes ----------------------------------------------------------

    /** Namespace and permission rules for xattr {@code name}; write = set/remove. */
    private void checkXattr(Walk w, String name, boolean write) throws ErrnoException {
        if (name == null || name.isEmpty() || Utf8.length(name) > 255) {
            throw Errno.ERANGE.exception(w.origPath + ": bad xattr name \"" + name + "\"");
        }
        Credentials c = w.creds;
        if (name.startsWith("user.")) {
            if (!w.d.isRegular() && !w.d.isDir()) {
                throw (write ? Errno.EPERM : Errno.ENODATA).exception(w.origPath + ": " + name);
            }
            if (write && w.m.readOnly()) {
                throw Errno.EROFS.exception(w.origPath);
            }
            Stat st = w.d.node.stat();
            if (write && st.isDirectory() && (st.mode() & Perms.S_ISVTX) != 0 && !Perms.ownerOrCapable(c, st)) {
                throw Errno.EPERM.exception(w.origPath + ": user xattrs of a sticky directory belong to its owner");
            }
            if (!Perms.permitted(c, st, write ? Perms.MAY_WRITE : Perms.MAY_READ)) {
                throw Errno.EACCES.exception(w.origPath + ": " + name);
            }
            return;
        }
        if (name.startsWith("trusted.")) {
            if (!c.has(Capability.CAP_SYS_ADMIN)) {
                throw (write ? Errno.EPERM : Errno.ENODATA).exception(w.origPath + ": " + name);
            }
        } else if (!name.startsWith("security.")) {
            throw Errno.EOPNOTSUPP.exception(w.origPath + ": xattr namespace of " + name);
        }
        if (write && w.m.readOnly()) {
            throw Errno.EROFS.exception(w.origPath);
        }
    }

    byte[] getxattr(Walk w, String name) throws ErrnoException {
        checkXattr(w, name, false);
        return w.d.node.getXattr(name);
    }

    void setxattr(Walk w, String name, byte[] value, int flags) throws ErrnoException {
        if ((flags & ~(Node.XATTR_CREATE | Node.XATTR_REPLACE)) != 0
                || flags == (Node.XATTR_CREATE | Node.XATTR_REPLACE)) {
            throw Errno.EINVAL.exception(w.origPath + ": setxattr flags " + flags);
        }
        if (value != null && value.length > 65536) {
            throw Errno.E2BIG.exception(w.origPath + ": xattr value of " + value.length + " bytes");
        }
        checkXattr(w, name, true);
        if (name.startsWith("user.") || name.startsWith("security.")) {
            Stat st = w.d.node.stat();
            if (name.startsWith("security.") && !Perms.ownerOrCapable(w.creds, st)) {
                throw Errno.EPERM.exception(w.origPath + ": " + name);
            }
        }
        w.d.node.setXattr(name, value == null ? new byte[0] : value.clone(), flags);
    }

    List<String> listxattr(Walk w) throws ErrnoException {
        List<String> all = w.d.node.listXattr();
        boolean admin = w.creds.has(Capability.CAP_SYS_ADMIN);
        List<String> out = new ArrayList<>(all.size());
        for (String n : all) {
            if (admin || !n.startsWith("trusted.")) {
                out.add(n);
            }
        }
        return out;
    }

    void removexattr(Walk w, String name) throws ErrnoException {
        checkXattr(w, name, true);
        w.d.node.removeXattr(name);
    }
}
