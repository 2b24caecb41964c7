package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.StatFs;
import dev.cairn.vfs.spi.Filesystem;
import dev.cairn.vfs.spi.Node;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tmpfs instance (superblock): its root, inode numbers and the page and inode budgets.
 * The budgets are atomic counters, the only state shared by all files of the instance; no
 * lock is held on them.
 */
final class TmpfsFilesystem implements Filesystem {
    private final TmpfsOptions options;
    private final AtomicLong nextIno = new AtomicLong(1);
    private final AtomicLong usedPages = new AtomicLong();
    /**
     * Inode space in bytes, as Linux tmpfs since 6.6: every inode (and hard link) takes
     * {@link #BOGO_INODE_SIZE}, every extended attribute 40 + name + value bytes; statfs
     * reports free/BOGO_INODE_SIZE free inodes. Not tracked when nr_inodes is unlimited.
     */
    private final AtomicLong usedInodeSpace = new AtomicLong();
    /** Held by operations that lock two directories (rmdir, rename), before any directory. */
    private final Object treeLock = new Object();
    /** Set once in the constructor path (by {@link #setRoot}), then never changed. */
    private volatile TmpfsNode root;

    /** Pages never handed out beyond this, whatever size= says: the heap could not hold them. */
    private final long hardLimitPages;

    /** At most this many free pages are kept for reuse (64 MiB, or 1/8 of the size limit). */
    private static final long POOL_MAX_PAGES = 16384;
    private final TmpfsPagePool pool;

    TmpfsFilesystem(TmpfsOptions options, long ramPages) {
        this.options = options;
        long max = options.maxPages();
        this.hardLimitPages = max == 0 ? ramPages : Math.min(max, ramPages);
        this.pool = new TmpfsPagePool((int) Math.min(POOL_MAX_PAGES, hardLimitPages / 8));
    }

    TmpfsPagePool pool() {
        return pool;
    }

    void setRoot(TmpfsNode root) {
        this.root = root;
    }

    @Override
    public Node root() {
        return root;
    }

    TmpfsOptions options() {
        return options;
    }

    Object treeLock() {
        return treeLock;
    }

    long nextIno() {
        return nextIno.getAndIncrement();
    }

    static final long BOGO_INODE_SIZE = 1024;

    /** Takes one inode from the budget (ENOSPC at nr_inodes). */
    void reserveInode(String what) throws ErrnoException {
        if (!tryReserveInodeSpace(BOGO_INODE_SIZE)) {
            throw Errno.ENOSPC.exception(what + ": no free inodes (nr_inodes=" + options.maxInodes() + ")");
        }
    }

    void releaseInode() {
        releaseInodeSpace(BOGO_INODE_SIZE);
    }

    /** Charges {@code bytes} of inode space; false when nr_inodes' space is used up. */
    boolean tryReserveInodeSpace(long bytes) {
        long max = options.maxInodes();
        if (max == 0) {
            return true;
        }
        long limit = max > Long.MAX_VALUE / BOGO_INODE_SIZE ? Long.MAX_VALUE : max * BOGO_INODE_SIZE;
        long cur;
        do {
            cur = usedInodeSpace.get();
            if (bytes > limit - cur) {
                return false;
            }
        } while (!usedInodeSpace.compareAndSet(cur, cur + bytes));
        return true;
    }

    void releaseInodeSpace(long bytes) {
        if (options.maxInodes() != 0 && bytes != 0) {
            usedInodeSpace.addAndGet(-bytes);
        }
    }

    /** Takes {@code n} pages from the budget, all or none (false at the size limit). */
    boolean tryReservePages(long n) {
        long max = hardLimitPages;
        long cur;
        do {
            cur = usedPages.get();
            if (n > max - cur) {
                return false;
            }
        } while (!usedPages.compareAndSet(cur, cur + n));
        return true;
    }

    void releasePages(long n) {
        if (n != 0) {
            usedPages.addAndGet(-n);
        }
    }

    long usedPages() {
        return usedPages.get();
    }


    @Override
    public StatFs statfs() {
        long maxP = options.maxPages();
        long maxI = options.maxInodes();
        long freeP = maxP == 0 ? 0 : Math.max(0, maxP - usedPages.get());
        long freeI = maxI == 0 ? 0 : Math.max(0, maxI - (usedInodeSpace.get() + BOGO_INODE_SIZE - 1) / BOGO_INODE_SIZE);
        return new StatFs(StatFs.TMPFS_MAGIC, TmpfsOptions.PAGE_SIZE, maxP, freeP, freeP, maxI, freeI, 255, 0);
    }

    @Override
    public String superOptions() {
        TmpfsNode r = root;
        return options.superOptions(r.mode(), r.uid(), r.gid(), r.fileType() == FileType.DIRECTORY);
    }

    @Override
    public void release() {
        // Nothing to close: memory goes with the last reference to the nodes.
    }
}
