package dev.cairn.vfs.core;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.SetStat;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.spi.DirentSink;
import dev.cairn.vfs.spi.Filesystem;
import dev.cairn.vfs.spi.FilesystemType;
import dev.cairn.vfs.spi.MountContext;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.NodeAttrs;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A small test-only in-memory filesystem implementing the SPI (type "memfs"). */
final class MemFs implements Filesystem {
    static final String TYPE = "memfs";
    static final AtomicInteger RELEASED = new AtomicInteger();
    /** Run by rmdir between its emptiness check and the removal (tests widen races with it). */
    static volatile Runnable rmdirHook;
    /** Entries added to directories that were already removed: must stay 0. */
    static final AtomicInteger ORPHANS = new AtomicInteger();
    private final AtomicLong inos = new AtomicLong(1);
    private final Inode root;
    volatile boolean released;
    /** Behaves like a shared remote filesystem: the core must revalidate cached names. */
    volatile boolean revalidating;

    static FilesystemType type() {
        return new FilesystemType() {
            @Override
            public String name() {
                return TYPE;
            }

            @Override
            public Filesystem newFilesystem(MountContext ctx) throws ErrnoException {
                ctx.options().requireOnly(TYPE, java.util.Set.of("mode", "revalidate"));
                int mode = Integer.parseInt(ctx.options().get("mode").orElse("755"), 8);
                MemFs fs = new MemFs(mode, ctx.credentials());
                fs.revalidating = ctx.options().has("revalidate");
                return fs;
            }
        };
    }

    MemFs(int mode, Credentials c) {
        root = new Inode(FileType.DIRECTORY.bits() | mode, c.uid(), c.gid(), 0, 0);
        root.nlink = 2;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public String superOptions() {
        return "mode=" + Integer.toOctalString(root.mode & 07777);
    }

    @Override
    public boolean revalidates() {
        return revalidating;
    }

    @Override
    public void release() {
        released = true;
        RELEASED.incrementAndGet();
    }

    private static long now() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    /** Any kind of node; a directory keeps entries with stable cookies. */
    final class Inode implements Node {
        final long ino = inos.getAndIncrement();
        volatile int mode;
        volatile int uid;
        volatile int gid;
        final int rmaj;
        final int rmin;
        volatile long nlink = 1;
        volatile long atime = now();
        volatile long mtime = atime;
        volatile long ctime = atime;
        String target;
        byte[] data = new byte[0];
        final Map<String, byte[]> xattrs = new ConcurrentHashMap<>();
        final Map<String, Inode> entries = new ConcurrentHashMap<>();
        final Map<String, Long> cookieOf = new ConcurrentHashMap<>();
        final ConcurrentSkipListMap<Long, String> byCookie = new ConcurrentSkipListMap<>();
        private long nextCookie = 1;

        Inode(int mode, int uid, int gid, int rmaj, int rmin) {
            this.mode = mode;
            this.uid = uid;
            this.gid = gid;
            this.rmaj = rmaj;
            this.rmin = rmin;
        }

        @Override
        public synchronized Stat stat() {
            return new Stat(0, 0, ino, mode, nlink, uid, gid, rmaj, rmin, data.length, 4096,
                    (data.length + 511) / 512, atime, mtime, ctime);
        }

        @Override
        public synchronized void setStat(SetStat s) throws ErrnoException {
            if (s.has(SetStat.SIZE)) {
                if ((mode & FileType.S_IFMT) == FileType.DIRECTORY.bits()) {
                    throw Errno.EISDIR.exception("truncate");
                }
                data = java.util.Arrays.copyOf(data, (int) s.size());
                mtime = now();
            }
            if (s.has(SetStat.MODE)) {
                mode = (mode & FileType.S_IFMT) | (s.mode() & 07777);
            }
            if (s.has(SetStat.UID)) {
                uid = s.uid();
            }
            if (s.has(SetStat.GID)) {
                gid = s.gid();
            }
            if (s.has(SetStat.ATIME)) {
                atime = s.has(SetStat.ATIME_NOW) ? now() : s.atimeNanos();
            }
            if (s.has(SetStat.MTIME)) {
                mtime = s.has(SetStat.MTIME_NOW) ? now() : s.mtimeNanos();
            }
            if (!s.has(SetStat.ACCESSED)) {
                ctime = now();
            }
        }

        private void dirOnly() throws ErrnoException {
            if ((mode & FileType.S_IFMT) != FileType.DIRECTORY.bits()) {
                throw Errno.ENOTDIR.exception("not a directory");
            }
        }

        @Override
        public Node lookup(String name) throws ErrnoException {
            dirOnly();
            Inode n = entries.get(name);
            if (n == null) {
                throw Errno.ENOENT.exception(name);
            }
            return n;
        }

        @Override
        public void readdir(long cookie, DirentSink sink) throws ErrnoException {
            dirOnly();
            for (Map.Entry<Long, String> e : byCookie.tailMap(cookie, false).entrySet()) {
                Inode n = entries.get(e.getValue());
                if (n != null && !sink.accept(e.getValue(), n.ino, FileType.ofMode(n.mode), e.getKey())) {
                    return;
                }
            }
        }

        private synchronized void add(String name, Inode n) throws ErrnoException {
            if (nlink == 0) {
                ORPHANS.incrementAndGet();
            }
            if (entries.putIfAbsent(name, n) != null) {
                throw Errno.EEXIST.exception(name);
            }
            long c = nextCookie++;
            cookieOf.put(name, c);
            byCookie.put(c, name);
            mtime = ctime = now();
        }

        private synchronized void remove(String name) {
            entries.remove(name);
            Long c = cookieOf.remove(name);
            if (c != null) {
                byCookie.remove(c);
            }
            mtime = ctime = now();
        }

        private Inode make(String name, NodeAttrs a) throws ErrnoException {
            dirOnly();
            Inode n = new Inode(a.mode(), a.uid(), a.gid(), a.rdevMajor(), a.rdevMinor());
            add(name, n);
            return n;
        }

        @Override
        public Node create(String name, NodeAttrs a) throws ErrnoException {
            return make(name, a);
        }

        @Override
        public Node mkdir(String name, NodeAttrs a) throws ErrnoException {
            Inode n = make(name, a);
            n.nlink = 2;
            nlink++;
            return n;
        }

        @Override
        public Node symlink(String name, String tgt, NodeAttrs a) throws ErrnoException {
            Inode n = new Inode(a.mode(), a.uid(), a.gid(), 0, 0);
            n.target = tgt;
            n.data = tgt.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            add(name, n);
            return n;
        }

        @Override
        public Node mknod(String name, NodeAttrs a) throws ErrnoException {
            return make(name, a);
        }

        @Override
        public void link(String name, Node t) throws ErrnoException {
            Inode n = (Inode) t;
            add(name, n);
            n.nlink++;
            n.ctime = now();
        }

        @Override
        public void unlink(String name, Node child) throws ErrnoException {
            if (entries.get(name) != child) {
                throw Errno.ENOENT.exception(name);
            }
            remove(name);
            ((Inode) child).nlink--;
        }

        @Override
        public void rmdir(String name, Node child) throws ErrnoException {
            Inode c = (Inode) child;
            if (!c.entries.isEmpty()) {
                throw Errno.ENOTEMPTY.exception(name);
            }
            Runnable hook = rmdirHook;
            if (hook != null) {
                hook.run();
            }
            remove(name);
            c.nlink = 0;
            nlink--;
        }

        @Override
        public void rename(String oldName, Node child, Node newParent, String newName, Node replaced, int flags)
                throws ErrnoException {
            Inode np = (Inode) newParent;
            if ((flags & RENAME_EXCHANGE) != 0) {
                remove(oldName);
                np.remove(newName);
                add(oldName, (Inode) replaced);
                np.add(newName, (Inode) child);
                return;
            }
            if (replaced != null) {
                np.remove(newName);
                ((Inode) replaced).nlink--;
            }
            remove(oldName);
            np.add(newName, (Inode) child);
        }

        @Override
        public boolean revalidate(String name, Node child) {
            return entries.get(name) == child;
        }

        @Override
        public String readlink() throws ErrnoException {
            if (target == null) {
                throw Errno.EINVAL.exception("not a symlink");
            }
            return target;
        }

        @Override
        public OpenFile open(int flags, Credentials c) {
            return new OpenFile() {
                @Override
                public int read(ByteBuffer dst, long off) {
                    synchronized (Inode.this) {
                        if (off >= data.length) {
                            return 0;
                        }
                        int n = (int) Math.min(dst.remaining(), data.length - off);
                        dst.put(data, (int) off, n);
                        return n;
                    }
                }

                @Override
                public int write(ByteBuffer src, long off) {
                    synchronized (Inode.this) {
                        int n = src.remaining();
                        if (off + n > data.length) {
                            data = java.util.Arrays.copyOf(data, (int) (off + n));
                        }
                        src.get(data, (int) off, n);
                        mtime = ctime = now();
                        return n;
                    }
                }
            };
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
            if ((flags & XATTR_CREATE) != 0 && xattrs.containsKey(name)) {
                throw Errno.EEXIST.exception(name);
            }
            if ((flags & XATTR_REPLACE) != 0 && !xattrs.containsKey(name)) {
                throw Errno.ENODATA.exception(name);
            }
            xattrs.put(name, value.clone());
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
        }
    }
}
