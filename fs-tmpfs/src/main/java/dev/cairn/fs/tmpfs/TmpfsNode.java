package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.SetStat;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.spi.Node;
import java.util.List;

/**
 * What every tmpfs node has: inode number, mode, owner, link count, times and extended
 * attributes.
 *
 * <p>Locking: the attribute fields are volatile so {@link #stat()} reads them without a lock;
 * they are changed under this node's monitor, which is a leaf lock (nothing else is acquired
 * while holding it, except by {@link TmpfsDirectory}, see its documentation).
 */
abstract class TmpfsNode implements Node {
    final TmpfsFilesystem fs;
    final long ino;
    /** Guarded by this (writes); S_IFMT bits never change. */
    private volatile int mode;
    private volatile int uid;
    private volatile int gid;
    private volatile long nlink;
    private volatile long atime;
    private volatile long mtime;
    private volatile long ctime;
    /** Guarded by this; null until the first attribute is set. */
    private TmpfsXattrs xattrs;
    /** Guarded by this: the inode's space went back to the budget (xattrs are no longer charged). */
    private boolean inodeFreed;

    TmpfsNode(TmpfsFilesystem fs, int mode, int uid, int gid, long nlink) {
        this.fs = fs;
        this.ino = fs.nextIno();
        this.mode = mode;
        this.uid = uid;
        this.gid = gid;
        this.nlink = nlink;
        long now = TmpfsClock.now();
        this.atime = now;
        this.mtime = now;
        this.ctime = now;
    }

    abstract FileType fileType();

    /** st_size. */
    abstract long size();

    /** st_blocks in 512-byte units. */
    long blocks() {
        return 0;
    }

    int rdevMajor() {
        return 0;
    }

    int rdevMinor() {
        return 0;
    }

    final int mode() {
        return mode;
    }

    final int uid() {
        return uid;
    }

    final int gid() {
        return gid;
    }

    final long nlink() {
        return nlink;
    }

    @Override
    public Stat stat() {
        return new Stat(0, 0, ino, mode, nlink, uid, gid, rdevMajor(), rdevMinor(), size(),
                TmpfsOptions.PAGE_SIZE, blocks(), atime, mtime, ctime);
    }

    @Override
    public void setStat(SetStat change) throws ErrnoException {
        if (change.has(SetStat.ACCESSED)) {
            atime = TmpfsClock.now(); // the core's relatime notification: no ctime change
            return;
        }
        if (change.has(SetStat.SIZE)) {
            truncate(change.size());
        }
        long now = TmpfsClock.now();
        synchronized (this) {
            if (change.has(SetStat.MODE)) {
                mode = (mode & FileType.S_IFMT) | (change.mode() & 07777);
            }
            if (change.has(SetStat.UID)) {
                uid = change.uid();
            }
            if (change.has(SetStat.GID)) {
                gid = change.gid();
            }
            if (change.has(SetStat.ATIME)) {
                atime = change.has(SetStat.ATIME_NOW) ? now : change.atimeNanos();
            }
            if (change.has(SetStat.MTIME)) {
                mtime = change.has(SetStat.MTIME_NOW) ? now : change.mtimeNanos();
            }
            ctime = now;
        }
    }

    /** A size change; only regular files have one. */
    void truncate(long size) throws ErrnoException {
        throw Errno.EINVAL.exception("truncate: not a regular file (inode " + ino + ")");
    }

    final void touchModified() {
        long now = TmpfsClock.now();
        mtime = now;
        ctime = now;
    }

    final void touchChanged() {
        ctime = TmpfsClock.now();
    }

    /** Adds {@code delta} to the link count, touches ctime; returns the new count. */
    final synchronized long addLinks(int delta) {
        long n = nlink + delta;
        nlink = n < 0 ? 0 : n;
        ctime = TmpfsClock.now();
        return nlink;
    }

    final synchronized void setLinks(long n) {
        nlink = n;
        ctime = TmpfsClock.now();
    }

    /**
     * Called when a directory entry for this node goes away (unlink, rename over it).
     * Gives back the entry's inode slot unless the node itself lives on (open files).
     */
    void dropLink() {
        long left = addLinks(-1);
        if (left > 0) {
            fs.releaseInode();
        } else {
            lastLinkGone();
        }
    }

    /** The last name is gone: free the node's resources unless it is still in use. */
    void lastLinkGone() {
        freeInode();
    }

    /** Gives the inode and the space of its extended attributes back to the budget, once. */
    final void freeInode() {
        long charged;
        synchronized (this) {
            if (inodeFreed) {
                return;
            }
            inodeFreed = true;
            charged = xattrs == null ? 0 : xattrs.space();
        }
        fs.releaseInode();
        fs.releaseInodeSpace(charged);
    }

    // ---- extended attributes ---------------------------------------------------------

    private boolean userXattrsAllowed() {
        FileType t = fileType();
        return t == FileType.REGULAR || t == FileType.DIRECTORY;
    }

    @Override
    public byte[] getXattr(String name) throws ErrnoException {
        TmpfsXattrs.checkName(name);
        if (name.startsWith(TmpfsXattrs.USER) && !userXattrsAllowed()) {
            throw Errno.ENODATA.exception(name);
        }
        synchronized (this) {
            byte[] v = xattrs == null ? null : xattrs.get(name);
            if (v == null) {
                throw Errno.ENODATA.exception(name);
            }
            return v;
        }
    }

    @Override
    public void setXattr(String name, byte[] value, int flags) throws ErrnoException {
        TmpfsXattrs.checkName(name);
        TmpfsXattrs.checkValue(name, value);
        if (name.startsWith(TmpfsXattrs.USER) && !userXattrsAllowed()) {
            throw Errno.EPERM.exception(name + ": user attributes only on regular files and directories");
        }
        long charge = TmpfsXattrs.space(name, value == null ? 0 : value.length);
        synchronized (this) {
            if (xattrs == null) {
                xattrs = new TmpfsXattrs();
            }
            boolean charged = !inodeFreed;
            if (charged && !fs.tryReserveInodeSpace(charge)) {
                throw Errno.ENOSPC.exception(name + ": no inode space left for the attribute");
            }
            byte[] old;
            try {
                old = xattrs.set(name, value, flags);
            } catch (ErrnoException e) {
                if (charged) {
                    fs.releaseInodeSpace(charge);
                }
                throw e;
            }
            if (old != null && charged) {
                fs.releaseInodeSpace(TmpfsXattrs.space(name, old.length));
            }
            ctime = TmpfsClock.now();
        }
    }

    @Override
    public synchronized List<String> listXattr() {
        return xattrs == null ? List.of() : xattrs.names();
    }

    @Override
    public void removeXattr(String name) throws ErrnoException {
        TmpfsXattrs.checkName(name);
        synchronized (this) {
            if (xattrs == null) {
                throw Errno.ENODATA.exception(name);
            }
            byte[] old = xattrs.remove(name);
            if (!inodeFreed) {
                fs.releaseInodeSpace(TmpfsXattrs.space(name, old.length));
            }
            ctime = TmpfsClock.now();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[ino=" + ino + "]";
    }
}
