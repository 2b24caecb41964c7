package dev.cairn.fs.devtmpfs;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A regular file (e.g. in /dev/shm): sparse, stored in 4 KiB pages that are allocated on
 * first write and counted against the filesystem's budget (ENOSPC when it runs out). Each
 * file has its own read/write lock; there is no lock shared between files on the data path.
 * The pages are freed when the last name and the last open file are gone.
 */
final class DevRegularFile extends DevNode {
    private static final int PAGE = DevFilesystem.PAGE_SIZE;
    static final int FALLOC_FL_KEEP_SIZE = 1;
    static final int FALLOC_FL_PUNCH_HOLE = 2;

    private final ReentrantReadWriteLock data = new ReentrantReadWriteLock();
    /** Page index → page; guarded by data. */
    private final NavigableMap<Long, byte[]> pages = new TreeMap<>();
    /** Written under data's write lock; volatile so that stat needs no lock. */
    private volatile long size;
    private volatile long pageCount;
    private final AtomicInteger openFiles = new AtomicInteger();
    private final AtomicBoolean freed = new AtomicBoolean();

    DevRegularFile(DevFilesystem fs, int perms, int uid, int gid) {
        super(fs, FileType.REGULAR.bits() | (perms & 07777), uid, gid, 1);
    }

    @Override
    long size() {
        return size;
    }

    @Override
    long blocks() {
        return pageCount * (PAGE / 512);
    }

    @Override
    public OpenFile open(int flags, Credentials credentials) {
        openFiles.incrementAndGet();
        return new DevFileHandle(this);
    }

    /** An open file of this node was closed. */
    void closed() {
        if (openFiles.decrementAndGet() == 0 && links() == 0) {
            free();
        }
    }

    @Override
    void lastLinkGone() {
        if (openFiles.get() == 0) {
            free();
        }
    }

    private void free() {
        if (!freed.compareAndSet(false, true)) {
            return;
        }
        data.writeLock().lock();
        try {
            fs.releasePages(pages.size());
            pages.clear();
            pageCount = 0;
        } finally {
            data.writeLock().unlock();
        }
        fs.releaseInode();
    }

    // ---- data ------------------------------------------------------------------------

    int read(ByteBuffer dst, long offset) throws ErrnoException {
        if (offset < 0) {
            throw Errno.EINVAL.exception("read at negative offset " + offset);
        }
        data.readLock().lock();
        try {
            long end = size;
            if (offset >= end || !dst.hasRemaining()) {
                return 0;
            }
            int n = (int) Math.min(dst.remaining(), end - offset);
            copyOutLocked(dst, offset, n);
            return n;
        } finally {
            data.readLock().unlock();
        }
    }

    private void copyOutLocked(ByteBuffer dst, long offset, int n) {
        long pos = offset;
        int left = n;
        while (left > 0) {
            int inPage = (int) (pos % PAGE);
            int chunk = Math.min(PAGE - inPage, left);
            byte[] page = pages.get(pos / PAGE);
            if (page == null) {
                for (int i = 0; i < chunk; i++) {
                    dst.put((byte) 0);
                }
            } else {
                dst.put(page, inPage, chunk);
            }
            pos += chunk;
            left -= chunk;
        }
    }

    int write(ByteBuffer src, long offset) throws ErrnoException {
        data.writeLock().lock();
        try {
            return writeLocked(src, offset);
        } finally {
            data.writeLock().unlock();
        }
    }

    /** O_APPEND: writes at the end of file atomically; returns the new end. */
    long append(ByteBuffer src) throws ErrnoException {
        data.writeLock().lock();
        try {
            long at = size;
            return at + writeLocked(src, at);
        } finally {
            data.writeLock().unlock();
        }
    }

    private int writeLocked(ByteBuffer src, long offset) throws ErrnoException {
        if (offset < 0) {
            throw Errno.EINVAL.exception("write at negative offset " + offset);
        }
        if (!src.hasRemaining()) {
            return 0;
        }
        int len = src.remaining();
        if (offset > Long.MAX_VALUE - len) {
            // Linux rw_verify_area: an end past the offset type is EINVAL (the largest file
            // size is LLONG_MAX itself, so EFBIG cannot happen after this check)
            throw Errno.EINVAL.exception("write of " + len + " bytes at offset " + offset + " overflows");
        }
        int written = 0;
        while (written < len) {
            long pos = offset + written;
            int inPage = (int) (pos % PAGE);
            int chunk = Math.min(PAGE - inPage, len - written);
            byte[] page = pages.get(pos / PAGE);
            if (page == null) {
                try {
                    page = newPageLocked(pos / PAGE);
                } catch (ErrnoException full) {
                    if (written == 0) {
                        throw full;
                    }
                    break;
                }
            }
            src.get(page, inPage, chunk);
            written += chunk;
        }
        if (offset + written > size) {
            size = offset + written;
        }
        touchModified();
        return written;
    }

    private byte[] newPageLocked(long index) throws ErrnoException {
        fs.reservePages(1, "devtmpfs: no space left for file data");
        byte[] page = new byte[PAGE];
        pages.put(index, page);
        pageCount = pages.size();
        return page;
    }

    @Override
    void truncate(long newSize) throws ErrnoException {
        if (newSize < 0) {
            throw Errno.EINVAL.exception("truncate to negative size " + newSize);
        }
        data.writeLock().lock();
        try {
            if (newSize < size) {
                dropFromLocked(newSize);
            }
            size = newSize;
        } finally {
            data.writeLock().unlock();
        }
    }

    /** Drops every byte at or after {@code from}: whole pages freed, a partial page zeroed. */
    private void dropFromLocked(long from) {
        long firstWhole = (from + PAGE - 1) / PAGE;
        Map<Long, byte[]> tail = pages.tailMap(firstWhole, true);
        fs.releasePages(tail.size());
        tail.clear();
        byte[] partial = pages.get(from / PAGE);
        if (partial != null && from % PAGE != 0) {
            java.util.Arrays.fill(partial, (int) (from % PAGE), PAGE, (byte) 0);
        }
        pageCount = pages.size();
    }

    /** fallocate(2): modes 0, KEEP_SIZE, and PUNCH_HOLE|KEEP_SIZE. */
    void allocate(int mode, long offset, long length) throws ErrnoException {
        if (offset < 0 || length <= 0) {
            throw Errno.EINVAL.exception("fallocate offset " + offset + " length " + length);
        }
        if (offset > Long.MAX_VALUE - length) {
            throw Errno.EFBIG.exception("fallocate past the largest file size");
        }
        data.writeLock().lock();
        try {
            switch (mode) {
                case 0 -> reserveRangeLocked(offset, length, true);
                case FALLOC_FL_KEEP_SIZE -> reserveRangeLocked(offset, length, false);
                case FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE -> punchLocked(offset, length);
                default -> throw Errno.EOPNOTSUPP.exception("fallocate mode " + mode);
            }
        } finally {
            data.writeLock().unlock();
        }
        touchModified();
    }

    private void reserveRangeLocked(long offset, long length, boolean extend) throws ErrnoException {
        long first = offset / PAGE;
        long last = (offset + length - 1) / PAGE;
        long missing = (last - first + 1) - pages.subMap(first, true, last, true).size();
        fs.reservePages(missing, "devtmpfs: fallocate of " + length + " bytes");
        for (long i = first; i <= last; i++) {
            pages.computeIfAbsent(i, k -> new byte[PAGE]);
        }
        pageCount = pages.size();
        if (extend && offset + length > size) {
            size = offset + length;
        }
    }

    private void punchLocked(long offset, long length) {
        long end = Math.min(offset + length, Math.max(size, offset));
        long pos = offset;
        while (pos < end) {
            long index = pos / PAGE;
            int inPage = (int) (pos % PAGE);
            int chunk = (int) Math.min(PAGE - inPage, end - pos);
            byte[] page = pages.get(index);
            if (page != null) {
                if (chunk == PAGE) {
                    pages.remove(index);
                    fs.releasePages(1);
                } else {
                    java.util.Arrays.fill(page, inPage, inPage + chunk, (byte) 0);
                }
            }
            pos += chunk;
        }
        pageCount = pages.size();
    }

    /** SEEK_DATA / SEEK_HOLE over the allocated pages. */
    long seekDataOrHole(long offset, boolean wantData) throws ErrnoException {
        data.readLock().lock();
        try {
            long end = size;
            if (offset < 0 || offset >= end) {
                throw Errno.ENXIO.exception("offset " + offset + " is not before end of file " + end);
            }
            return wantData ? nextDataLocked(offset, end) : nextHoleLocked(offset, end);
        } finally {
            data.readLock().unlock();
        }
    }

    private long nextDataLocked(long offset, long end) throws ErrnoException {
        Long index = pages.ceilingKey(offset / PAGE);
        if (index == null || index * PAGE >= end) {
            throw Errno.ENXIO.exception("no data after offset " + offset);
        }
        return Math.max(offset, index * PAGE);
    }

    private long nextHoleLocked(long offset, long end) {
        long index = offset / PAGE;
        while (pages.containsKey(index) && index * PAGE < end) {
            index++;
        }
        return Math.min(end, Math.max(offset, index * PAGE));
    }
}
