package dev.cairn.fs.devtmpfs;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.SetStat;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.spi.Node;

/**
 * What every devtmpfs node has: inode number, mode, owner, link count and times. The
 * attributes are guarded by {@link #attrs}, a leaf lock: nothing else is locked while it is
 * held.
 */
abstract class DevNode implements Node {
    final DevFilesystem fs;
    final long ino;
    private final FileType fileType;

    /** Guards the fields below. */
    private final Object attrs = new Object();
    private int mode;
    private int uid;
    private int gid;
    private long nlink;
    private long atime;
    private long mtime;
    private long ctime;
    /** Extended attributes in creation order; null until the first one. */
    private java.util.LinkedHashMap<String, byte[]> xattrs;
    /** Bytes of names and values in {@link #xattrs}. */
    private long xattrBytes;

    /** Most bytes of extended attributes one node may hold (beyond: ENOSPC). */
    static final long XATTR_BYTES_MAX = 1L << 20;

    DevNode(DevFilesystem fs, int mode, int uid, int gid, long nlink) {
        this.fs = fs;
        this.ino = fs.nextIno();
        this.fileType = typeOf(mode);
        this.mode = mode;
        this.uid = uid;
        this.gid = gid;
        this.nlink = nlink;
        long now = fs.now();
        this.atime = now;
        this.mtime = now;
        this.ctime = now;
    }

    /** Size as stat reports it. */
    abstract long size();

    /** Allocated 512-byte blocks. */
    long blocks() {
        return 0;
    }

    int rdevMajor() {
        return 0;
    }

    int rdevMinor() {
        return 0;
    }

    /** The file type, fixed at creation. */
    final FileType type() {
        return fileType;
    }

    private static FileType typeOf(int mode) {
        for (FileType t : FileType.values()) {
            if (t.bits() == (mode & FileType.S_IFMT)) {
                return t;
            }
        }
        throw new IllegalArgumentException("mode 0" + Integer.toOctalString(mode) + " has no file type");
    }

    final boolean isDirectory() {
        return this instanceof DevDirectory;
    }

    @Override
    public Stat stat() {
        long size = size();
        long blocks = blocks();
        synchronized (attrs) {
            return new Stat(0, 0, ino, mode, nlink, uid, gid, rdevMajor(), rdevMinor(), size,
                    DevFilesystem.PAGE_SIZE, blocks, atime, mtime, ctime);
        }
    }

    /** Applies the change and updates ctime, except for the core's relatime atime update. */
    @Override
    public void setStat(SetStat change) throws ErrnoException {
        if (change.has(SetStat.SIZE)) {
            truncate(change.size());
        }
        long now = fs.now();
        synchronized (attrs) {
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
            if (change.has(SetStat.SIZE)) {
                mtime = now;
            }
            if (!change.has(SetStat.ACCESSED)) {
                ctime = now;
            }
        }
    }

    /** Size change; only regular files have one. */
    void truncate(long size) throws ErrnoException {
        if (isDirectory()) {
            throw Errno.EISDIR.exception("truncate of a directory");
        }
        throw Errno.EINVAL.exception("truncate of a " + type().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Content changed: mtime and ctime to now. */
    final void touchModified() {
        long now = fs.now();
        synchronized (attrs) {
            mtime = now;
            ctime = now;
        }
    }

    /** Attributes changed: ctime to now. */
    final void touchChanged() {
        long now = fs.now();
        synchronized (attrs) {
            ctime = now;
        }
    }

    // ---- extended attributes: the core has checked namespace and permission ------------

    @Override
    public byte[] getXattr(String name) throws ErrnoException {
        synchronized (attrs) {
            byte[] v = xattrs == null ? null : xattrs.get(name);
            if (v == null) {
                throw Errno.ENODATA.exception(name);
            }
            return v.clone();
        }
    }

    @Override
    public void setXattr(String name, byte[] value, int flags) throws ErrnoException {
        byte[] copy = value == null ? new byte[0] : value.clone();
        long now = fs.now();
        synchronized (attrs) {
            byte[] old = xattrs == null ? null : xattrs.get(name);
            if (old != null && (flags & XATTR_CREATE) != 0) {
                throw Errno.EEXIST.exception(name);
            }
            if (old == null && (flags & XATTR_REPLACE) != 0) {
                throw Errno.ENODATA.exception(name);
            }
            long nameBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            long after = xattrBytes + copy.length - (old == null ? -nameBytes : old.length);
            if (after > XATTR_BYTES_MAX) {
                throw Errno.ENOSPC.exception(name + ": no room for more extended attributes on this node");
            }
            if (xattrs == null) {
                xattrs = new java.util.LinkedHashMap<>();
            }
            xattrs.put(name, copy);
            xattrBytes = after;
            ctime = now;
        }
    }

    @Override
    public java.util.List<String> listXattr() {
        synchronized (attrs) {
            return xattrs == null ? java.util.List.of() : java.util.List.copyOf(xattrs.keySet());
        }
    }

    @Override
    public void removeXattr(String name) throws ErrnoException {
        long now = fs.now();
        synchronized (attrs) {
            byte[] old = xattrs == null ? null : xattrs.remove(name);
            if (old == null) {
                throw Errno.ENODATA.exception(name);
            }
            xattrBytes -= old.length + name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            ctime = now;
        }
    }

    final long links() {
        synchronized (attrs) {
            return nlink;
        }
    }

    /**
     * Adds {@code delta} to the link count and updates ctime; when the last name goes,
     * {@link #lastLinkGone()} runs (outside the attribute lock).
     */
    final void adjustLinks(long delta) {
        boolean gone;
        long now = fs.now();
        synchronized (attrs) {
            long before = nlink;
            nlink = Math.max(0, nlink + delta);
            ctime = now;
            gone = before > 0 && nlink == 0;
        }
        if (gone) {
            lastLinkGone();
        }
    }

    /** A directory losing its last name ends with link count 0, whatever it counted. */
    final void dropAllLinks() {
        boolean gone;
        long now = fs.now();
        synchronized (attrs) {
            gone = nlink > 0;
            nlink = 0;
            ctime = now;
        }
        if (gone) {
            lastLinkGone();
        }
    }

    /** The node has no name left. Default: its inode goes back to the budget. */
    void lastLinkGone() {
        fs.releaseInode();
    }
}
