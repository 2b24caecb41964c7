package dev.cairn.fs.tmpfs;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Freed pages of one filesystem kept for reuse, up to a bound, so that rewriting or
 * recreating files does not make the JVM allocate (and the OS fault in) fresh memory each
 * time. Lock-free. Pages come out dirty: a caller that will not overwrite a whole page
 * zeroes it first. Pooled pages are not charged to the size budget.
 *
 * <p>The bound counts slots: pages in the queue plus pages files keep as their own spares
 * ({@link #reserve}/{@link #unreserve}), so all kept free memory stays below it.
 */
final class TmpfsPagePool {
    private final ConcurrentLinkedQueue<byte[]> pages = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int max;

    TmpfsPagePool(int max) {
        this.max = max;
    }

    /** A page from the pool (contents undefined), or null when it is empty. */
    byte[] takeDirty() {
        byte[] p = pages.poll();
        if (p != null) {
            size.decrementAndGet();
        }
        return p;
    }

    /** A zeroed page: a pooled one cleared, or a new one. */
    byte[] takeZeroed() {
        byte[] p = takeDirty();
        if (p == null) {
            return new byte[TmpfsPages.PAGE];
        }
        Arrays.fill(p, (byte) 0);
        return p;
    }

    /** Grants up to {@code n} slots for spares kept by a file; returns how many. */
    int reserve(long n) {
        int cur;
        int grant;
        do {
            cur = size.get();
            grant = (int) Math.max(0, Math.min(n, (long) max - cur));
            if (grant == 0) {
                return 0;
            }
        } while (!size.compareAndSet(cur, cur + grant));
        return grant;
    }

    /** Gives back slots of spares that were used or dropped. */
    void unreserve(int n) {
        if (n > 0) {
            size.addAndGet(-n);
        }
    }

    /** Queues a spare whose slot is already held. */
    void giveReserved(byte[] page) {
        pages.offer(page);
    }

    int size() {
        return size.get();
    }
}
