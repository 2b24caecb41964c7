package dev.cairn.vfs.tck.memfs;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.NodeAttrs;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** A memfs regular file: dense data in one array under a per-file read/write lock. */
final class MemFile extends MemNode {
    /** Files stay small in tests; bigger sizes get EFBIG rather than an OutOfMemoryError. */
    static final long MAX_SIZE = 64L << 20;

    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    /** Guarded by rw. */
    private byte[] data = new byte[0];
    /** Guarded by rw. */
    private int size;

    MemFile(MemFs fs, NodeAttrs attrs) {
        super(fs, attrs, 1);
    }

    @Override
    long size() {
        rw.readLock().lock();
        try {
            return size;
        } finally {
            rw.readLock().unlock();
        }
    }

    @Override
    void truncate(long length) throws ErrnoException {
        if (length < 0) {
            throw Errno.EINVAL.exception("negative length " + length);
        }
        if (length > MAX_SIZE) {
            throw Errno.EFBIG.exception("length " + length);
        }
        rw.writeLock().lock();
        try {
            resizeLocked((int) length);
        } finally {
            rw.writeLock().unlock();
        }
    }

    private void resizeLocked(int length) {
        if (length > data.length) {
            data = Arrays.copyOf(data, Math.max(length, Math.min(data.length * 2, (int) MAX_SIZE)));
        } else if (length < size) {
            Arrays.fill(data, length, size, (byte) 0);
        }
        size = length;
    }

    int read(ByteBuffer dst, long offset) {
        rw.readLock().lock();
        try {
            if (offset >= size) {
                return 0;
            }
            int n = (int) Math.min(dst.remaining(), size - offset);
            dst.put(data, (int) offset, n);
            return n;
        } finally {
            rw.readLock().unlock();
        }
    }

    int write(ByteBuffer src, long offset) throws ErrnoException {
        int n = src.remaining();
        if (n == 0) {
            return 0;
        }
        if (offset + n > MAX_SIZE) {
            throw Errno.EFBIG.exception("write at " + offset);
        }
        rw.writeLock().lock();
        try {
            writeLocked(src, (int) offset);
        } finally {
            rw.writeLock().unlock();
        }
        touchModified();
        return n;
    }

    private void writeLocked(ByteBuffer src, int offset) {
        int n = src.remaining();
        if (offset + n > size) {
            resizeLocked(offset + n);
        }
        src.get(data, offset, n);
    }

    long append(ByteBuffer src) throws ErrnoException {
        if (!src.hasRemaining()) {
            return size();
        }
        rw.writeLock().lock();
        long end;
        try {
            if (size + (long) src.remaining() > MAX_SIZE) {
                throw Errno.EFBIG.exception("append");
            }
            writeLocked(src, size);
            end = size;
        } finally {
            rw.writeLock().unlock();
        }
        touchModified();
        return end;
    }

    void zero(long offset, long length) {
        rw.writeLock().lock();
        try {
            int from = (int) Math.min(offset, size);
            int to = (int) Math.min(offset + length, size);
            Arrays.fill(data, from, to, (byte) 0);
        } finally {
            rw.writeLock().unlock();
        }
        touchModified();
    }

    @Override
    public OpenFile open(int flags, Credentials credentials) {
        return new MemOpenFile(this);
    }

    /** The per-open part: no state, the core keeps the offset. */
    private record MemOpenFile(MemFile file) implements OpenFile {
        @Override
        public int read(ByteBuffer dst, long offset) {
            return file.read(dst, offset);
        }

        @Override
        public int write(ByteBuffer src, long offset) throws ErrnoException {
            return file.write(src, offset);
        }

        @Override
        public long append(ByteBuffer src, Node node) throws ErrnoException {
            return file.append(src);
        }

        @Override
        public void allocate(int mode, long offset, long length) throws ErrnoException {
            switch (mode) {
                case 0 -> {
                    if (offset + length > file.size()) {
                        file.truncate(offset + length);
                    }
                }
                case 1 -> {
                }
                case 3 -> file.zero(offset, length);
                default -> throw Errno.EOPNOTSUPP.exception("fallocate mode " + mode);
            }
        }
    }
}
