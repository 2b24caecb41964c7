package dev.cairn.fs.devtmpfs;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.StatFs;
import dev.cairn.vfs.spi.Filesystem;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one devtmpfs instance of a VFS: its root, inode numbers, space accounting and the
 * device-node manager. Never refers to its VFS (see {@link DevtmpfsType}).
 */
final class DevFilesystem implements Filesystem {
    static final int PAGE_SIZE = 4096;
    static final int ROOT_MODE = 0755;

    /** Held for every change of directory entries (see {@link DevDirectory}). */
    final Object tree = new Object();

    private final AtomicLong nextIno = new AtomicLong(1);
    private final long maxPages;
    private final long maxInodes;
    private final AtomicLong usedPages = new AtomicLong();
    private final AtomicLong usedInodes = new AtomicLong();
    private final DevDirectory root;
    private final DeviceNodes devices;

    /** An instance holding at most {@code capacityBytes} of data and as many inodes as pages. */
    DevFilesystem(long capacityBytes) {
        this(capacityBytes, Math.max(1, capacityBytes / PAGE_SIZE));
    }

    /** An instance with explicit limits; the root counts as one of {@code maxInodes}. */
    DevFilesystem(long capacityBytes, long maxInodes) {
        this.maxPages = Math.max(1, capacityBytes / PAGE_SIZE);
        this.maxInodes = Math.max(1, maxInodes);
        usedInodes.incrementAndGet();
        this.root = new DevDirectory(this, ROOT_MODE, 0, 0, false);
        this.devices = new DeviceNodes(this);
    }

    /** A quarter of the JVM's heap limit (Linux gives devtmpfs half of RAM). */
    static long defaultCapacityBytes() {
        long max = Runtime.getRuntime().maxMemory();
        return max == Long.MAX_VALUE ? 1L << 30 : max / 4;
    }

    @Override
    public DevDirectory root() {
        return root;
    }

    DeviceNodes devices() {
        return devices;
    }

    long nextIno() {
        return nextIno.getAndIncrement();
    }

    /** The current time in nanoseconds since the epoch. */
    long now() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** Takes {@code n} pages from the budget, all or none. */
    void reservePages(long n, String what) throws ErrnoException {
        if (n <= 0) {
            return;
        }
        while (true) {
            long used = usedPages.get();
            if (used + n > maxPages) {
                throw Errno.ENOSPC.exception(what);
            }
            if (usedPages.compareAndSet(used, used + n)) {
                return;
            }
        }
    }

    void releasePages(long n) {
        if (n > 0) {
            usedPages.addAndGet(-n);
        }
    }

    /** Takes one inode from the budget. */
    void reserveInode(String what) throws ErrnoException {
        while (true) {
            long used = usedInodes.get();
            if (used >= maxInodes) {
                throw Errno.ENOSPC.exception(what + ": no free inodes");
            }
            if (usedInodes.compareAndSet(used, used + 1)) {
                return;
            }
        }
    }

    void releaseInode() {
        usedInodes.decrementAndGet();
    }

    @Override
    public StatFs statfs() {
        long freePages = Math.max(0, maxPages - usedPages.get());
        long freeInodes = Math.max(0, maxInodes - usedInodes.get());
        return new StatFs(StatFs.TMPFS_MAGIC, PAGE_SIZE, maxPages, freePages, freePages,
                maxInodes, freeInodes, 255, 0);
    }

    @Override
    public String superOptions() {
        return "size=" + (maxPages * PAGE_SIZE / 1024) + "k,nr_inodes=" + maxInodes
                + ",mode=" + Integer.toOctalString(ROOT_MODE);
    }

    /** Device nodes come and go without the core: cached lookups must be checked. */
    @Override
    public boolean revalidates() {
        return true;
    }

    /**
     * Nothing to free: the instance outlives its mounts, so that the next devtmpfs mount in
     * the same VFS shows the same nodes (Linux keeps devtmpfs mounted internally).
     */
    @Override
    public void release() {
    }
}
