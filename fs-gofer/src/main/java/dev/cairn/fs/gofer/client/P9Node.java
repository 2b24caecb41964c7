package dev.cairn.fs.gofer.client;

import dev.cairn.fs.gofer.p9.Attr;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.SetStat;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.spi.Node;

/**
 * What every {@code 9p} node shares: its walked fid (clunked when the node is unreachable),
 * its path for messages, and its attributes. With {@code cache=fscache} the attributes are
 * kept until this client changes the file; with {@code remote_revalidating} every
 * {@link #stat()} asks the server, so host changes and server times show through.
 */
abstract class P9Node implements Node {
    final P9Filesystem fs;
    final int fid;
    /** Path from the mount root, for error messages only (not updated by renames). */
    final String path;
    private volatile Attr attr;
    /** Set when this client changed the file: {@link #lastKnownStat} must ask the server once. */
    private volatile boolean changed;

    P9Node(P9Filesystem fs, int fid, String path, Attr attr) {
        this.fs = fs;
        this.fid = fid;
        this.path = path;
        this.attr = attr;
        fs.clunkWhenUnreachable(this, fid);
    }

    static P9Node of(P9Filesystem fs, int fid, String path, Attr a) {
        int type = a.mode() & FileType.S_IFMT;
        if (type == FileType.DIRECTORY.bits()) {
            return new P9Directory(fs, fid, path, a);
        } else if (type == FileType.REGULAR.bits()) {
            return new P9RegularFile(fs, fid, path, a);
        } else if (type == FileType.SYMLINK.bits()) {
            return new P9Symlink(fs, fid, path, a);
        }
        return new P9SpecialFile(fs, fid, path, a);
    }

    long qidPath() {
        return attr.qid().path();
    }

    int fileTypeBits() {
        return attr.mode() & FileType.S_IFMT;
    }

    Attr fetch() throws ErrnoException {
        changed = false;
        Attr a = fs.client.call(new Tgetattr(fid, Attr.BASIC), Rgetattr.class, "stat " + path).attr();
        attr = a;
        return a;
    }

    /** Forgets cached attributes after this client changed the file. */
    void invalidate() {
        changed = true;
        if (fs.cached()) {
            attr = null;
        }
    }

    /**
     * After this client changed the file through a donated fd: the attributes are those of
     * the host's {@code fstat} of it (what the server's Tgetattr would answer; the qid stays).
     */
    void refreshFrom(dev.cairn.fs.gofer.host.HostStat st) {
        Attr old = attr;
        if (old == null) {
            invalidate();
            return;
        }
        attr = new Attr(old.valid(), old.qid(), st.mode(), st.uid(), st.gid(), st.nlink(), old.rdev(), st.size(),
                st.blksize(), st.blocks(), st.atimeSec(), st.atimeNsec(), st.mtimeSec(), st.mtimeNsec(),
                st.ctimeSec(), st.ctimeNsec(), old.btimeSec(), old.btimeNsec(), old.gen(), old.dataVersion());
        changed = false;
    }

    /**
     * The attributes last fetched, without a round trip (in both cache modes), unless this
     * client changed the file since: then they are fetched once.
     */
    @Override
    public Stat lastKnownStat() throws ErrnoException {
        Attr a = attr;
        return toStat(a == null || changed ? fetch() : a);
    }

    void refresh(Attr a) {
        attr = a;
    }

    @Override
    public Stat stat() throws ErrnoException {
        Attr a = attr;
        if (a == null || !fs.cached()) {
            a = fetch();
        }
        return toStat(a);
    }

    static Stat toStat(Attr a) {
        return new Stat(0, 0, a.qid().path(), a.mode(), a.nlink(), a.uid(), a.gid(), a.rdevMajor(), a.rdevMinor(),
                a.size(), (int) Math.min(Integer.MAX_VALUE, a.blksize()), a.blocks(),
                a.atimeSec() * 1_000_000_000L + a.atimeNsec(), a.mtimeSec() * 1_000_000_000L + a.mtimeNsec(),
                a.ctimeSec() * 1_000_000_000L + a.ctimeNsec());
    }

    /**
     * The core's "the file was read" atime update ({@link SetStat#ACCESSED}, with
     * ATIME|ATIME_NOW): Linux changes atime alone, no ctime, which utimensat on the host cannot
     * do. So the file is read once on the server without O_NOATIME, and the host kernel updates
     * its atime the way a read does (the host's own relatime rule applies).
     */
    private static final int ACCESSED = SetStat.ACCESSED;

    private void touchAtime() throws ErrnoException {
        int f = fs.walk(fid, java.util.List.of(), "atime " + path);
        try {
            fs.client.call(new Tlopen(f, 0), Rlopen.class, "atime " + path);
            if (this instanceof P9Directory) {
                fs.client.call(new Treaddir(f, 0, 512), Rreaddir.class, "atime " + path);
            } else {
                fs.client.call(new Tread(f, 0, 1), Rread.class, "atime " + path);
            }
        } finally {
            P9Filesystem.clunkAsync(fs.client, f);
            invalidate();
        }
    }

    @Override
    public void setStat(SetStat c) throws ErrnoException {
        if ((c.mask() & ACCESSED) != 0) {
            if (this instanceof P9RegularFile || this instanceof P9Directory) {
                touchAtime();
            }
            return;
        }
        int valid = 0;
        if (c.has(SetStat.MODE)) {
            valid |= Tsetattr.MODE;
        }
        if (c.has(SetStat.UID)) {
            valid |= Tsetattr.UID;
        }
        if (c.has(SetStat.GID)) {
            valid |= Tsetattr.GID;
        }
        if (c.has(SetStat.SIZE)) {
            valid |= Tsetattr.SIZE;
        }
        if (c.has(SetStat.ATIME)) {
            valid |= Tsetattr.ATIME | (c.has(SetStat.ATIME_NOW) ? 0 : Tsetattr.ATIME_SET);
        }
        if (c.has(SetStat.MTIME)) {
            valid |= Tsetattr.MTIME | (c.has(SetStat.MTIME_NOW) ? 0 : Tsetattr.MTIME_SET);
        }
        int mask = valid;
        FileData.ServerOp send = () -> {
            try {
                fs.client.call(new Tsetattr(fid, mask, c.mode() & 07777, c.uid(), c.gid(), c.size(),
                        Math.floorDiv(c.atimeNanos(), 1_000_000_000L), Math.floorMod(c.atimeNanos(), 1_000_000_000L),
                        Math.floorDiv(c.mtimeNanos(), 1_000_000_000L), Math.floorMod(c.mtimeNanos(), 1_000_000_000L)),
                        Rsetattr.class, "setattr " + path);
                return c.size();
            } finally {
                invalidate();
            }
        };
        FileData data = !(this instanceof P9RegularFile r) ? null : c.has(SetStat.SIZE) ? r.data() : r.peekData();
        if (data == null) {
            send.run();
        } else if (c.has(SetStat.SIZE)) {
            data.truncate(c.size(), null, send); // dirty data is flushed or discarded first
        } else {
            data.setattr(null, send); // flushed first: a later flush must not move the times set here
        }
    }

    // ---- extended attributes: Txattrwalk to read, Txattrcreate + Twrite + Tclunk to write ----

    private static final int XATTR_SIZE_MAX = 65536;

    private byte[] readXattr(String name, String what) throws ErrnoException {
        int x = fs.client.newFid();
        long size;
        try {
            size = fs.client.call(new Txattrwalk(fid, x, name), Rxattrwalk.class, what).size();
        } catch (ErrnoException e) {
            fs.client.releaseFid(x);
            throw e;
        }
        try {
            if (size < 0 || size > XATTR_SIZE_MAX) {
                throw dev.cairn.vfs.Errno.E2BIG.exception(what + ": " + size + " bytes");
            }
            byte[] out = new byte[(int) size];
            int off = 0;
            while (off < out.length) {
                java.nio.ByteBuffer d = fs.client.call(new Tread(x, off, Math.min(out.length - off,
                        fs.client.ioUnit())), Rread.class, what).data();
                if (!d.hasRemaining()) {
                    break;
                }
                int n = Math.min(d.remaining(), out.length - off);
                d.get(out, off, n);
                off += n;
            }
            return off == out.length ? out : java.util.Arrays.copyOf(out, off);
        } finally {
            P9Filesystem.clunkAsync(fs.client, x);
        }
    }

    private void writeXattr(String name, byte[] value, int flags, String what) throws ErrnoException {
        int x = fs.walk(fid, java.util.List.of(), what);
        boolean clunked = false;
        try {
            fs.client.call(new Txattrcreate(x, name, value.length, flags), Rxattrcreate.class, what);
            int off = 0;
            while (off < value.length) {
                int n = Math.min(value.length - off, fs.client.ioUnit());
                off += fs.client.call(new Twrite(x, off, java.nio.ByteBuffer.wrap(value, off, n).slice()),
                        Rwrite.class, what).count();
            }
            clunked = true;
            fs.client.call(new Tclunk(x), Rclunk.class, what); // the server applies the change at clunk
        } finally {
            if (clunked) {
                fs.client.releaseFid(x);
            } else {
                P9Filesystem.clunkAsync(fs.client, x);
            }
            invalidate();
        }
    }

    @Override
    public byte[] getXattr(String name) throws ErrnoException {
        return readXattr(name, "getxattr " + path + " " + name);
    }

    @Override
    public java.util.List<String> listXattr() throws ErrnoException {
        byte[] all = readXattr("", "listxattr " + path);
        java.util.List<String> names = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == 0) {
                if (i > start) {
                    names.add(new String(all, start, i - start, java.nio.charset.StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return names;
    }

    @Override
    public void setXattr(String name, byte[] value, int flags) throws ErrnoException {
        writeXattr(name, value, flags, "setxattr " + path + " " + name);
    }

    /** As Linux v9fs: an empty value with XATTR_REPLACE asks the server to remove the attribute. */
    @Override
    public void removeXattr(String name) throws ErrnoException {
        writeXattr(name, new byte[0], XATTR_REPLACE, "removexattr " + path + " " + name);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + path + "]";
    }
}
