package dev.cairn.vfs.tck.memfs;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.SetStat;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.NodeAttrs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What every memfs node has: attributes, times and extended attributes. */
abstract class MemNode implements Node {
    final MemFs fs;
    final long ino;
    private final Object lock = new Object();
    /** Guarded by lock. */
    private int mode;
    private int uid;
    private int gid;
    private long nlink;
    private long atime;
    private long mtime;
    private long ctime;
    private final int rdevMajor;
    private final int rdevMinor;
    private final Map<String, byte[]> xattrs = new ConcurrentHashMap<>();

    MemNode(MemFs fs, NodeAttrs attrs, long nlink) {
        this.fs = fs;
        this.ino = fs.newIno();
        this.mode = attrs.mode();
        this.uid = attrs.uid();
        this.gid = attrs.gid();
        this.nlink = nlink;
        this.rdevMajor = attrs.rdevMajor();
        this.rdevMinor = attrs.rdevMinor();
        long now = now();
        atime = now;
        mtime = now;
        ctime = now;
    }

    static long now() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    FileType type() {
        synchronized (lock) {
            try {
                return FileType.ofMode(mode);
            } catch (ErrnoException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Size as stat reports it. */
    abstract long size();

    @Override
    public Stat stat() {
        synchronized (lock) {
            long size = size();
            return new Stat(0, 0, ino, mode, nlink, uid, gid, rdevMajor, rdevMinor, size, 4096, (size + 511) / 512,
                    atime, mtime, ctime);
        }
    }

    @Override
    public void setStat(SetStat c) throws ErrnoException {
        if (c.has(SetStat.ACCESSED)) {
            touchAccessed();
            return;
        }
        if (c.has(SetStat.SIZE)) {
            truncate(c.size());
        }
        long now = now();
        synchronized (lock) {
            if (c.has(SetStat.MODE) && !fs.broken("chmod")) {
                mode = (mode & FileType.S_IFMT) | (c.mode() & 07777);
            }
            if (c.has(SetStat.UID)) {
                uid = c.uid();
            }
            if (c.has(SetStat.GID)) {
                gid = c.gid();
            }
            if (c.has(SetStat.ATIME)) {
                atime = c.has(SetStat.ATIME_NOW) ? now : c.atimeNanos();
            }
            if (c.has(SetStat.MTIME)) {
                mtime = c.has(SetStat.MTIME_NOW) ? now : c.mtimeNanos();
            }
            if (c.has(SetStat.SIZE)) {
                mtime = now;
            }
            if (!fs.broken("ctime")) {
                ctime = now;
            }
        }
    }

    /** A size change; only regular files have one. */
    void truncate(long size) throws ErrnoException {
        throw (type() == FileType.DIRECTORY ? Errno.EISDIR : Errno.EINVAL).exception("truncate");
    }

    void addLinks(int delta) {
        synchronized (lock) {
            nlink += delta;
            ctime = now();
        }
    }

    void setLinks(long n) {
        synchronized (lock) {
            nlink = n;
            ctime = now();
        }
    }

    void touchModified() {
        long now = now();
        synchronized (lock) {
            mtime = now;
            ctime = now;
        }
    }

    void touchChanged() {
        synchronized (lock) {
            ctime = now();
        }
    }

    void touchAccessed() {
        synchronized (lock) {
            atime = now();
        }
    }

    @Override
    public byte[] getXattr(String name) throws ErrnoException {
        byte[] v = xattrs.get(name);
        if (v == null) {
            throw Errno.ENODATA.exception(name);
        }
        return v.clone();
    }

    @Override
    public void setXattr(String name, byte[] value, int flags) throws ErrnoException {
        synchronized (xattrs) {
            boolean present = xattrs.containsKey(name);
            if ((flags & XATTR_CREATE) != 0 && present) {
                throw Errno.EEXIST.exception(name);
            }
            if ((flags & XATTR_REPLACE) != 0 && !present && !fs.broken("xattr-replace")) {
                throw Errno.ENODATA.exception(name);
            }
            xattrs.put(name, value.clone());
        }
        touchChanged();
    }

    @Override
    public List<String> listXattr() {
        return new ArrayList<>(xattrs.keySet());
    }

    @Override
    public void removeXattr(String name) throws ErrnoException {
        if (xattrs.remove(name) == null) {
            throw Errno.ENODATA.exception(name);
        }
        touchChanged();
    }
}
