package dev.cairn.boot.internal;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.MountOptions;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small in-memory filesystem for boot's tests (directories and regular files only),
 * registrable under any name. It records the options of every mount it was asked for, so a
 * test can see what boot forwarded. Accepts any option key except "reject" (EINVAL).
 */
final class MemFs implements FilesystemType {
    private final String name;
    final List<MountOptions> mounts = new CopyOnWriteArrayList<>();

    MemFs(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Filesystem newFilesystem(MountContext context) throws ErrnoException {
        if (context.options().has("reject")) {
            throw Errno.EINVAL.exception(name + ": unknown mount option \"reject\"");
        }
        mounts.add(context.options());
        int mode = context.options().get("mode").map(m -> Integer.parseInt(m, 8)).orElse(0755);
        Dir root = new Dir(new AtomicLong(1), mode);
        return () -> root;
    }

    /** Options of the last mount, as the filesystem got them. */
    String lastData() {
        return mounts.isEmpty() ? null : mounts.get(mounts.size() - 1).raw();
    }

    private abstract static class MemNode implements Node {
        final long ino;
        volatile int mode;
        final long time = System.currentTimeMillis() * 1_000_000L;

        MemNode(long ino, int mode) {
            this.ino = ino;
            this.mode = mode;
        }

        abstract long size();

        @Override
        public Stat stat() {
            return new Stat(0, 0, ino, mode, 1, 0, 0, 0, 0, size(), 4096, 0, time, time, time);
        }

        @Override
        public void setStat(SetStat change) {
            if ((change.mask() & SetStat.MODE) != 0) {
                mode = (mode & FileType.S_IFMT) | (change.mode() & 07777);
            }
        }
    }

    private static final class Dir extends MemNode {
        private final AtomicLong inos;
        private final Map<String, MemNode> entries = new ConcurrentSkipListMap<>();

        Dir(AtomicLong inos, int perms) {
            super(inos.getAndIncrement(), FileType.DIRECTORY.bits() | (perms & 07777));
            this.inos = inos;
        }

        @Override
        long size() {
            return entries.size();
        }

        @Override
        public Node lookup(String n) throws ErrnoException {
            MemNode c = entries.get(n);
            if (c == null) {
                throw Errno.ENOENT.exception(n);
            }
            return c;
        }

        @Override
        public void readdir(long cookie, DirentSink sink) {
            long i = 0;
            for (Map.Entry<String, MemNode> e : entries.entrySet()) {
                i++;
                if (i <= cookie) {
                    continue;
                }
                MemNode c = e.getValue();
                FileType t = c instanceof Dir ? FileType.DIRECTORY : FileType.REGULAR;
                if (!sink.accept(e.getKey(), c.ino, t, i)) {
                    return;
                }
            }
        }

        private <T extends MemNode> T add(String n, T node) throws ErrnoException {
            if (entries.putIfAbsent(n, node) != null) {
                throw Errno.EEXIST.exception(n);
            }
            return node;
        }

        @Override
        public Node mkdir(String n, NodeAttrs attrs) throws ErrnoException {
            return add(n, new Dir(inos, attrs.mode()));
        }

        @Override
        public Node create(String n, NodeAttrs attrs) throws ErrnoException {
            return add(n, new File(inos.getAndIncrement(), attrs.mode()));
        }

        @Override
        public void unlink(String n, Node child) throws ErrnoException {
            if (!entries.remove(n, child)) {
                throw Errno.ENOENT.exception(n);
            }
        }

        @Override
        public void rmdir(String n, Node child) throws ErrnoException {
            if (((Dir) child).entries.size() > 0) {
                throw Errno.ENOTEMPTY.exception(n);
            }
            unlink(n, child);
        }

        @Override
        public OpenFile open(int flags, Credentials credentials) {
            return new OpenFile() {
            };
        }
    }

    private static final class File extends MemNode {
        private byte[] data = new byte[0];

        File(long ino, int mode) {
            super(ino, FileType.REGULAR.bits() | (mode & 07777));
        }

        @Override
        synchronized long size() {
            return data.length;
        }

        @Override
        public synchronized void setStat(SetStat change) {
            super.setStat(change);
            if ((change.mask() & SetStat.SIZE) != 0) {
                data = Arrays.copyOf(data, (int) change.size());
            }
        }

        @Override
        public OpenFile open(int flags, Credentials credentials) {
            return new OpenFile() {
                @Override
                public int read(ByteBuffer dst, long offset) {
                    synchronized (File.this) {
                        if (offset >= data.length) {
                            return 0;
                        }
                        int n = (int) Math.min(dst.remaining(), data.length - offset);
                        dst.put(data, (int) offset, n);
                        return n;
                    }
                }

                @Override
                public int write(ByteBuffer src, long offset) {
                    synchronized (File.this) {
                        int n = src.remaining();
                        if (offset + n > data.length) {
                            data = Arrays.copyOf(data, (int) (offset + n));
                        }
                        src.get(data, (int) offset, n);
                        return n;
                    }
                }
            };
        }
    }
}
