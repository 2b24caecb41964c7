package dev.cairn.vfs.core;

import dev.cairn.vfs.Capability;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.SetStat;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.spi.CharDevice;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.NodeAttrs;
import dev.cairn.vfs.spi.OpenFile;

/** open(2)/openat(2): O_CREAT/O_EXCL/O_TRUNC/O_DIRECTORY/O_NOFOLLOW/O_PATH, devices, FIFOs. */
final class Opener {
    private static final int PATH_FLAGS = OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_NOFOLLOW
            | OpenFlags.O_CLOEXEC;

    private final TaskImpl t;

    Opener(TaskImpl t) {
        this.t = t;
    }

    int openat(int dirfd, String path, int flags, int mode) throws ErrnoException {
        if ((flags & OpenFlags.O_TMPFILE) == OpenFlags.O_TMPFILE) {
            throw Errno.EOPNOTSUPP.exception(path + ": O_TMPFILE is not supported");
        }
        if ((flags & OpenFlags.O_PATH) != 0) {
            flags &= PATH_FLAGS;
        }
        if ((flags & (OpenFlags.O_CREAT | OpenFlags.O_DIRECTORY)) == (OpenFlags.O_CREAT | OpenFlags.O_DIRECTORY)) {
            throw Errno.EINVAL.exception(path + ": O_CREAT with O_DIRECTORY");
        }
        Walk w = t.at(dirfd, path);
        boolean created = false;
        if ((flags & OpenFlags.O_CREAT) != 0 && (flags & OpenFlags.O_PATH) == 0) {
            created = createOrFind(w, flags, mode);
        } else {
            w.resolve((flags & OpenFlags.O_NOFOLLOW) == 0);
        }
        return t.install(openDentry(w, flags, created), flags);
    }

    /** Walks to the last component and creates it if absent; true when created. */
    private boolean createOrFind(Walk w, int flags, int mode) throws ErrnoException {
        Credentials c = w.creds;
        for (;;) {
            w.walkToParent();
            if (w.lastKind != Walk.LAST_NORM) {
                // "/", "." or "..": an existing directory (Linux: EEXIST with O_EXCL, else EISDIR)
                throw ((flags & OpenFlags.O_EXCL) != 0 ? Errno.EEXIST : Errno.EISDIR).exception(w.origPath);
            }
            if (w.trailing) {
                throw Errno.EISDIR.exception(w.origPath);
            }
            Dentry dir = w.d;
            Dentry child;
            dir.lock.lock();
            try {
                child = w.lastChild();
                if (child == null) {
                    String name = w.lastName();
                    if (dir.dead) {
                        throw Errno.ENOENT.exception(w.origPath);
                    }
                    if (w.m.readOnly()) {
                        throw Errno.EROFS.exception(w.origPath);
                    }
                    Stat pst = dir.node.stat();
                    if (!Perms.searchesAll(c) && !Perms.permitted(c, pst, Perms.MAY_WRITE | Perms.MAY_EXEC)) {
                        throw Errno.EACCES.exception(w.origPath);
                    }
                    NodeAttrs attrs = Perms.newNodeAttrs(c, pst, FileType.REGULAR.bits(), mode & 07777,
                            t.umask(), 0, 0);
                    Node n = dir.node.create(name, attrs);
                    child = new Dentry(n, dir.fs, FileType.REGULAR.bits(), dir, name, false);
                    dir.children.putLocked(child);
                    w.d = child;
                    return true;
                }
            } finally {
                dir.lock.unlock();
            }
            if ((flags & OpenFlags.O_EXCL) != 0) {
                throw Errno.EEXIST.exception(w.origPath);
            }
            MountImpl cm = w.m;
            while (child.mountsHere.length != 0) {
                MountImpl top = child.mountedFrom(cm);
                if (top == null) {
                    break;
                }
                cm = top;
                child = top.root;
            }
            if (child.isSymlink()) {
                if ((flags & OpenFlags.O_NOFOLLOW) != 0) {
                    throw Errno.ELOOP.exception(w.origPath);
                }
                w.followLast(child);
                continue;
            }
            w.m = cm;
            w.d = child;
            return false;
        }
    }

    /** Checks access and opens the node at the walk's position. */
    FileDescription openDentry(Walk w, int flags, boolean created) throws ErrnoException {
        MountImpl m = w.m;
        Dentry d = w.d;
        Credentials c = w.creds;
        if ((flags & OpenFlags.O_DIRECTORY) != 0 && !d.isDir()) {
            throw Errno.ENOTDIR.exception(w.origPath);
        }
        if ((flags & OpenFlags.O_PATH) != 0) {
            m.incUsers();
            return new FileDescription(t.vfs, m, d, null, flags, false);
        }
        if (d.isSymlink()) {
            throw Errno.ELOOP.exception(w.origPath);
        }
        int acc = flags & OpenFlags.O_ACCMODE;
        boolean wr = acc == OpenFlags.O_WRONLY || acc == OpenFlags.O_RDWR || acc == OpenFlags.O_ACCMODE;
        boolean rd = acc == OpenFlags.O_RDONLY || acc == OpenFlags.O_RDWR || acc == OpenFlags.O_ACCMODE;
        boolean trunc = (flags & OpenFlags.O_TRUNC) != 0;
        if (d.isDir() && (wr || trunc || (flags & OpenFlags.O_CREAT) != 0)) {
            throw Errno.EISDIR.exception(w.origPath);
        }
        boolean regular = d.isRegular();
        boolean dataType = regular || d.isDir();
        Stat st = null;
        if (!created) {
            int want = (rd ? Perms.MAY_READ : 0) | (wr || trunc ? Perms.MAY_WRITE : 0);
            if ((want & Perms.MAY_WRITE) != 0 && dataType && m.readOnly()) {
                throw Errno.EROFS.exception(w.origPath);
            }
            if (!c.has(Capability.CAP_DAC_OVERRIDE) || (flags & OpenFlags.O_NOATIME) != 0 || !dataType) {
                st = d.node.stat();
                if (!Perms.permitted(c, st, want)) {
                    throw Errno.EACCES.exception(w.origPath);
                }
            }
        }
        if ((flags & OpenFlags.O_NOATIME) != 0) {
            if (st == null) {
                st = d.node.stat();
            }
            if (!Perms.ownerOrCapable(c, st)) {
                throw Errno.EPERM.exception(w.origPath + ": O_NOATIME needs ownership");
            }
        }
        boolean countWriter = wr && dataType;
        m.incUsers();
        if (countWriter) {
            m.writers.incrementAndGet();
            if (m.readOnly()) {
                m.writers.decrementAndGet();
                m.decUsers();
                throw Errno.EROFS.exception(w.origPath);
            }
        }
        OpenFile f;
        try {
            f = openNode(w, d, m, flags, trunc && regular && !created, c);
        } catch (ErrnoException | RuntimeException | LinkageError e) {
            if (countWriter) {
                m.writers.decrementAndGet();
            }
            m.decUsers();
            throw e;
        }
        return new FileDescription(t.vfs, m, d, f, flags, countWriter);
    }

    private OpenFile openNode(Walk w, Dentry d, MountImpl m, int flags, boolean truncate, Credentials c)
            throws ErrnoException {
        int type = d.type;
        if (type == FileType.CHAR_DEVICE.bits() || type == FileType.BLOCK_DEVICE.bits()) {
            if (m.nodev()) {
                throw Errno.EACCES.exception(w.origPath + ": mount is nodev");
            }
            Stat st = d.node.stat();
            if (type == FileType.BLOCK_DEVICE.bits()) {
                throw Errno.ENXIO.exception(w.origPath + ": no block device " + st.rdevMajor() + ":" + st.rdevMinor());
            }
            CharDevice dev = t.vfs.charDevice(st.rdevMajor(), st.rdevMinor()).orElseThrow(() ->
                    Errno.ENXIO.exception(w.origPath + ": no device " + st.rdevMajor() + ":" + st.rdevMinor()));
            OpenFile f = dev.open(new CoreDeviceContext(c, t.vfs, t.controllingTerminal()), flags);
            if (f == null) {
                throw Errno.ENXIO.exception(w.origPath);
            }
            return f;
        }
        if (type == FileType.FIFO.bits()) {
            // the pipe is the file's (filesystem, inode), not this Node object's: see Fifos
            try {
                return t.vfs.fifos.open(d.fs.fs, d.node.stat().ino(), flags);
            } catch (ErrnoException e) {
                throw e.withContext(w.origPath);
            }
        }
        if (type == FileType.SOCKET.bits()) {
            throw Errno.ENXIO.exception(w.origPath + ": cannot open a socket");
        }
        if (truncate) {
            Stat st = d.node.stat();
            int kill = Perms.privsToKill(c, st.mode());
            if (kill != 0) {
                d.node.setStat(new SetStat(SetStat.SIZE | SetStat.MODE, st.mode() & ~kill & 07777, 0, 0, 0, 0, 0));
            } else if (st.size() != 0) {
                d.node.setStat(SetStat.size(0));
            } else {
                d.node.setStat(new SetStat(SetStat.SIZE | SetStat.MTIME | SetStat.MTIME_NOW, 0, 0, 0, 0, 0, 0));
            }
        }
        OpenFile f = d.node.open(flags, c);
        if (f == null) {
            throw Errno.EIO.exception(w.origPath + ": filesystem returned no open file");
        }
        return f;
    }
}
