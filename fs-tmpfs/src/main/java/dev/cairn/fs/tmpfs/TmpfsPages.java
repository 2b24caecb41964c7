package dev.cairn.fs.tmpfs;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data of one regular file: a sparse table of 4 KiB pages. Pages below
 * {@link #LOW_PAGES} (the first GiB) sit in a flat array that grows with the highest page
 * written; pages beyond it, in a sorted map, so a write at a huge offset costs one page.
 * A missing page is a hole and reads as zeros.
 *
 * <p>Not thread-safe: the owning {@link TmpfsFile}'s read/write lock guards it (readers under
 * the read lock, everything that changes the table under the write lock). Every page
 * allocated or freed is charged to or returned to the filesystem's budget.
 *
 * <p>Freed pages are kept as this file's spares (up to what the filesystem's
 * {@link TmpfsPagePool} grants) and reused first, so truncating and rewriting a file touches
 * no shared structure per page; the spares go to the shared pool when the file is freed.
 */
final class TmpfsPages {
    static final int SHIFT = 12;
    static final int PAGE = 1 << SHIFT;
    static final int LOW_PAGES = 1 << 18;
    private static final byte[] ZEROS = new byte[PAGE];
    private static final byte[][] NONE = new byte[0][];

    private final TmpfsFilesystem fs;
    private byte[][] low = NONE;
    private TreeMap<Long, byte[]> high;
    /** Allocated pages; written under the write lock, read by stat without a lock. */
    private volatile long count;
    /** Freed pages kept for reuse, each holding a slot of the pool; [0, spareCount) used. */
    private byte[][] spares = NONE;
    private int spareCount;
    /** Pages taken from spares during the current write, whose pool slots are given back after. */
    private int sparesTaken;
    /** Budget pages reserved for the current write and not used yet. */
    private long prepaid;

    TmpfsPages(TmpfsFilesystem fs) {
        this.fs = fs;
    }

    long count() {
        return count;
    }

    byte[] page(long index) {
        if (index < LOW_PAGES) {
            return index < low.length ? low[(int) index] : null;
        }
        return high == null ? null : high.get(index);
    }

    /**
     * The page at {@code index}, allocated (and charged) if absent; null when the budget is
     * spent. A new page is zeroed unless the caller overwrites it whole.
     */
    private byte[] pageForWrite(long index, boolean whole) {
        byte[] p = page(index);
        if (p != null) {
            return p;
        }
        if (prepaid > 0) {
            prepaid--;
        } else if (!fs.tryReservePages(1)) {
            return null;
        }
        p = takePage(whole);
        store(index, p);
        count = count + 1;
        return p;
    }

    /** A page for new data: a spare, a pooled page or a new one; zeroed unless {@code dirtyOk}. */
    private byte[] takePage(boolean dirtyOk) {
        byte[] p;
        if (spareCount > 0) {
            p = spares[--spareCount];
            spares[spareCount] = null;
            sparesTaken++;
            if (!dirtyOk) {
                Arrays.fill(p, (byte) 0);
            }
            return p;
        }
        p = dirtyOk ? fs.pool().takeDirty() : null;
        return p != null ? p : fs.pool().takeZeroed();
    }

    /** Gives back the pool slots of spares used by the current operation. */
    private void settleSpares() {
        if (sparesTaken > 0) {
            fs.pool().unreserve(sparesTaken);
            sparesTaken = 0;
        }
    }

    private void store(long index, byte[] p) {
        if (index < LOW_PAGES) {
            int i = (int) index;
            if (i >= low.length) {
                int n = Math.max(16, low.length);
                while (n <= i) {
                    n <<= 1;
                }
                low = Arrays.copyOf(low, Math.min(n, LOW_PAGES));
            }
            low[i] = p;
        } else {
            if (high == null) {
                high = new TreeMap<>();
            }
            high.put(index, p);
        }
    }

    /** Keeps a freed page as a spare while {@code slots} (granted by the pool) last. */
    private int keep(byte[] p, int slots) {
        if (slots <= 0) {
            return 0; // the garbage collector takes it
        }
        if (spareCount == spares.length) {
            spares = Arrays.copyOf(spares, Math.max(16, spares.length * 2));
        }
        spares[spareCount++] = p;
        return slots - 1;
    }

    /** Copies {@code n} bytes from {@code offset} into {@code dst}; holes give zeros. */
    void read(ByteBuffer dst, long offset, int n) {
        long pos = offset;
        int left = n;
        while (left > 0) {
            int in = (int) (pos & (PAGE - 1));
            int chunk = Math.min(left, PAGE - in);
            byte[] p = page(pos >>> SHIFT);
            if (p == null) {
                dst.put(ZEROS, 0, chunk);
            } else {
                dst.put(p, in, chunk);
            }
            pos += chunk;
            left -= chunk;
        }
    }

    /**
     * Copies {@code n} bytes of {@code src} to {@code offset}, allocating pages as needed.
     *
     * @return bytes written; fewer than {@code n} when the page budget ran out
     */
    int write(ByteBuffer src, long offset, int n) {
        prepay(offset >>> SHIFT, (offset + n - 1) >>> SHIFT);
        try {
            return copyIn(src, offset, n);
        } finally {
            if (prepaid > 0) {
                fs.releasePages(prepaid);
                prepaid = 0;
            }
            settleSpares();
        }
    }

    /** Reserves the budget of the missing pages of a small range in one step, if it fits. */
    private void prepay(long first, long last) {
        if (last - first >= 64) {
            return; // large writes reserve page by page
        }
        long missing = 0;
        for (long i = first; i <= last; i++) {
            if (page(i) == null) {
                missing++;
            }
        }
        if (missing > 1 && fs.tryReservePages(missing)) {
            prepaid = missing;
        }
    }

    private int copyIn(ByteBuffer src, long offset, int n) {
        long pos = offset;
        int done = 0;
        while (done < n) {
            int in = (int) (pos & (PAGE - 1));
            int chunk = Math.min(n - done, PAGE - in);
            byte[] p = pageForWrite(pos >>> SHIFT, in == 0 && chunk == PAGE);
            if (p == null) {
                break;
            }
            src.get(p, in, chunk);
            pos += chunk;
            done += chunk;
        }
        return done;
    }

    /** Zeroes bytes [from, to) that lie inside one page, if that page exists. */
    private void zeroWithin(long from, long to) {
        if (from >= to) {
            return;
        }
        byte[] p = page(from >>> SHIFT);
        if (p != null) {
            int a = (int) (from & (PAGE - 1));
            Arrays.fill(p, a, a + (int) (to - from), (byte) 0);
        }
    }

    /** Frees every page at or after byte {@code size} and zeroes the tail of the last page. */
    void truncate(long size) {
        long firstGone = (size + PAGE - 1) >>> SHIFT;
        long tailPage = size >>> SHIFT;
        if ((size & (PAGE - 1)) != 0) {
            zeroWithin(size, (tailPage + 1) << SHIFT);
        }
        dropRange(firstGone, Long.MAX_VALUE);
    }

    /** Frees pages with index in [first, last], keeping as many as the pool grants as spares. */
    private void dropRange(long first, long last) {
        long freed = allocatedIn(first, last);
        if (freed == 0) {
            return;
        }
        int slots = fs.pool().reserve(freed);
        long lowEnd = Math.min(last, (long) low.length - 1);
        for (long i = first; i <= lowEnd; i++) {
            byte[] p = low[(int) i];
            if (p != null) {
                low[(int) i] = null;
                slots = keep(p, slots);
            }
        }
        if (high != null && last >= LOW_PAGES) {
            Map<Long, byte[]> sub = high.subMap(Math.max(first, LOW_PAGES), true, last, true);
            for (byte[] p : sub.values()) {
                slots = keep(p, slots);
            }
            sub.clear();
        }
        fs.pool().unreserve(slots);
        count = count - freed;
        fs.releasePages(freed);
        if (count == 0 && low.length > 1024) {
            low = NONE; // a big table is not worth keeping for an empty file
            high = null;
        }
    }

    /** FALLOC_FL_PUNCH_HOLE: zeroes [offset, offset+len), freeing whole pages inside it. */
    void punch(long offset, long len) {
        long end = offset + len;
        long firstWhole = (offset + PAGE - 1) >>> SHIFT;
        long endWhole = end >>> SHIFT; // exclusive
        if (firstWhole > endWhole) {
            zeroWithin(offset, end); // inside one page
            return;
        }
        zeroWithin(offset, firstWhole << SHIFT);
        zeroWithin(endWhole << SHIFT, end);
        if (endWhole > firstWhole) {
            dropRange(firstWhole, endWhole - 1);
        }
    }

    /**
     * fallocate without punch: allocates every missing page in [first, last], all or nothing.
     *
     * @return false when the budget cannot hold them (nothing changed)
     */
    boolean allocate(long first, long last) {
        long missing = (last - first + 1) - allocatedIn(first, last);
        if (missing == 0) {
            return true;
        }
        if (!fs.tryReservePages(missing)) {
            return false;
        }
        for (long i = first; i <= last; i++) {
            if (page(i) == null) {
                store(i, takePage(false));
                count = count + 1;
            }
        }
        settleSpares();
        return true;
    }

    private long allocatedIn(long first, long last) {
        long n = 0;
        long lowEnd = Math.min(last, (long) low.length - 1);
        for (long i = first; i <= lowEnd; i++) {
            if (low[(int) i] != null) {
                n++;
            }
        }
        if (high != null && last >= LOW_PAGES) {
            n += high.subMap(Math.max(first, LOW_PAGES), true, last, true).size();
        }
        return n;
    }

    /** Index of the first allocated page at or after {@code index}, or -1. */
    long nextData(long index) {
        for (long i = index; i < low.length; i++) {
            if (low[(int) i] != null) {
                return i;
            }
        }
        if (high != null) {
            Long k = high.ceilingKey(Math.max(index, LOW_PAGES));
            if (k != null) {
                return k;
            }
        }
        return -1;
    }

    /** Index of the first missing page at or after {@code index}. */
    long nextHole(long index) {
        long i = index;
        while (i < LOW_PAGES) {
            if (i >= low.length || low[(int) i] == null) {
                return i;
            }
            i++;
        }
        if (high == null) {
            return i;
        }
        while (high.containsKey(i)) {
            i++;
        }
        return i;
    }

    /** Frees everything (the file is gone); its spares move to the shared pool. */
    void clear() {
        dropRange(0, Long.MAX_VALUE);
        for (int i = 0; i < spareCount; i++) {
            fs.pool().giveReserved(spares[i]);
        }
        spares = NONE;
        spareCount = 0;
        low = NONE;
        high = null;
    }
}
