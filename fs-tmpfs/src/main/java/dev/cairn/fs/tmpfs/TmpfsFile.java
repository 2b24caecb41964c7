package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A tmpfs regular file: sparse 4 KiB pages ({@link TmpfsPages}) behind a per-file read/write
 * lock. Readers of one file run in parallel; writers, truncation and fallocate of one file are
 * serialised; different files never share a lock on the data path (only the filesystem's
 * atomic page counter).
 *
 * <p>Lifetime: the data stays while the file has a name or an open file. When both are gone
 * its pages and its inode go back to the filesystem's budgets.
 */
final class TmpfsFile extends TmpfsNode {
    /**
     * Linux's MAX_LFS_FILESIZE on 64-bit (2^63-1). A pwrite ending past it is EINVAL (the offset
     * arithmetic overflows first, as in Linux); an append at it and fallocate past it are EFBIG.
     */
    static final long MAX_FILE_SIZE = Long.MAX_VALUE;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Guarded by lock. */
    private final TmpfsPages pages;
    /** Written under lock's write lock; read without a lock by stat. */
    private volatile long size;
    /** Guarded by this. */
    private int openCount;
    /** Guarded by this: data and inode were given back. */
    private boolean freed;

    TmpfsFile(TmpfsFilesystem fs, int perm, int uid, int gid) {
        super(fs, (perm & 07777) | FileType.REGULAR.bits(), uid, gid, 1);
        this.pages = new TmpfsPages(fs);
    }

    @Override
    FileType fileType() {
        return FileType.REGULAR;
    }

    @Override
    long size() {
        return size;
    }

    @Override
    long blocks() {
        return pages.count() * (TmpfsPages.PAGE / 512);
    }

    @Override
    public OpenFile open(int flags, Credentials credentials) throws ErrnoException {
        synchronized (this) {
            if (freed) {
                throw Errno.ENOENT.exception("inode " + ino + " was removed");
            }
            openCount++;
        }
        return new TmpfsFileHandle(this);
    }

    /** One open file of this node was closed. */
    void closed() {
        boolean free;
        synchronized (this) {
            openCount--;
            free = openCount == 0 && nlink() == 0 && !freed;
            if (free) {
                freed = true;
            }
        }
        if (free) {
            release();
        }
    }

    @Override
    void lastLinkGone() {
        boolean free;
        synchronized (this) {
            free = openCount == 0 && !freed;
            if (free) {
                freed = true;
            }
        }
        if (free) {
            release();
        }
    }

    private void release() {
        lock.writeLock().lock();
        try {
            pages.clear();
        } finally {
            lock.writeLock().unlock();
        }
        freeInode();
    }

    // ---- data -------------------------------------------------------------------------

    int read(ByteBuffer dst, long offset) throws ErrnoException {
        if (offset < 0) {
            throw Errno.EINVAL.exception("read at negative offset " + offset);
        }
        int n;
        lock.readLock().lock();
        try {
            long sz = size;
            if (offset >= sz || !dst.hasRemaining()) {
                n = 0;
            } else {
                n = (int) Math.min(dst.remaining(), sz - offset);
                pages.read(dst, offset, n);
            }
        } finally {
            lock.readLock().unlock();
        }
        return n;
    }

    /** pwrite's rw_verify_area: an end past 2^63-1 is EINVAL, as Linux. */
    private static void checkRange(long offset, int len) throws ErrnoException {
        if (offset < 0 || len > Long.MAX_VALUE - offset) {
            throw Errno.EINVAL.exception("write of " + len + " bytes at offset " + offset + " overflows");
        }
    }

    /** generic_write_check_limits: EFBIG at the maximum size, else a short write up to it. */
    private static int clampToMax(long offset, int len) throws ErrnoException {
        if (offset >= MAX_FILE_SIZE) {
            throw Errno.EFBIG.exception("write at offset " + offset + " past the maximum file size");
        }
        return (int) Math.min(len, MAX_FILE_SIZE - offset);
    }

    int write(ByteBuffer src, long offset) throws ErrnoException {
        if (!src.hasRemaining()) {
            return 0;
        }
        checkRange(offset, src.remaining());
        int len = clampToMax(offset, src.remaining());
        lock.writeLock().lock();
        try {
            return writeLocked(src, offset, len);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** O_APPEND: the end of file and the write are one atomic step. Returns the new end. */
    long append(ByteBuffer src) throws ErrnoException {
        lock.writeLock().lock();
        try {
            long end = size;
            if (!src.hasRemaining()) {
                return end;
            }
            int len = clampToMax(end, src.remaining());
            int n = writeLocked(src, end, len);
            return end + n;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private int writeLocked(ByteBuffer src, long offset, int len) throws ErrnoException {
        int n = pages.write(src, offset, len);
        if (n == 0) {
            throw Errno.ENOSPC.exception("tmpfs size limit reached writing inode " + ino);
        }
        if (offset + n > size) {
            size = offset + n;
        }
        touchModified();
        return n;
    }

    @Override
    void truncate(long newSize) throws ErrnoException {
        if (newSize < 0) {
            throw Errno.EINVAL.exception("truncate to negative size " + newSize);
        }
        lock.writeLock().lock();
        try {
            if (newSize < size) {
                pages.truncate(newSize);
            }
            size = newSize;
            touchModified();
        } finally {
            lock.writeLock().unlock();
        }
    }

    long seekDataOrHole(long offset, boolean data) throws ErrnoException {
        lock.readLock().lock();
        try {
            long sz = size;
            if (offset < 0 || offset >= sz) {
                throw Errno.ENXIO.exception("offset " + offset + " is not before end of file " + sz);
            }
            long idx = offset >>> TmpfsPages.SHIFT;
            if (data) {
                long p = pages.nextData(idx);
                long at = p < 0 ? sz : Math.max(offset, p << TmpfsPages.SHIFT);
                if (at >= sz) {
                    throw Errno.ENXIO.exception("no data after offset " + offset);
                }
                return at;
            }
            long h = pages.nextHole(idx);
            long at = Math.max(offset, h << TmpfsPages.SHIFT);
            return Math.min(at, sz);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** FALLOC_FL_KEEP_SIZE and FALLOC_FL_PUNCH_HOLE of Linux. */
    static final int KEEP_SIZE = 1;
    static final int PUNCH_HOLE = 2;

    void allocate(int mode, long offset, long length) throws ErrnoException {
        if (offset < 0 || length <= 0) {
            throw Errno.EINVAL.exception("fallocate offset " + offset + " length " + length);
        }
        if (mode != 0 && mode != KEEP_SIZE && mode != (KEEP_SIZE | PUNCH_HOLE)) {
            throw Errno.EOPNOTSUPP.exception("fallocate mode 0x" + Integer.toHexString(mode));
        }
        if (length > MAX_FILE_SIZE - offset) {
            throw Errno.EFBIG.exception("fallocate past the maximum file size");
        }
        long end = offset + length;
        lock.writeLock().lock();
        try {
            if ((mode & PUNCH_HOLE) != 0) {
                pages.punch(offset, length);
                touchModified();
                return;
            }
            long first = offset >>> TmpfsPages.SHIFT;
            long last = (end - 1) >>> TmpfsPages.SHIFT;
            if (!pages.allocate(first, last)) {
                throw Errno.ENOSPC.exception("fallocate of " + length + " bytes: tmpfs size limit");
            }
            if (mode == 0 && end > size) {
                size = end;
            }
            touchModified();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
