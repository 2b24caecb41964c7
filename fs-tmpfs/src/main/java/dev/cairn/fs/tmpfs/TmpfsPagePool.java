package dev.cairn.fs.tmpfs;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Freed pages of one filesystem kept for reuse, up to a bound, so that rewriting or
 * recreating files does not make the JVM allocate (and the OS fault in) fresh memory each
 * time. Lock-free. Pages come out dirty: a caller that will not overwrite a whole page
 * zeroes it first. Pooled pages are not charged to the size budget.
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

    /** Returns a page no file uses any more; dropped when the pool is full. */
    void give(byte[] page) {
        if (size.incrementAndGet() <= max) {
            pages.offer(page);
        } else {
            size.decrementAndGet();
        }
    }

    int size() {
        return size.get();
    }
}
