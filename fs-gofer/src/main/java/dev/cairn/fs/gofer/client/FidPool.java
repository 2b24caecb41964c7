package dev.cairn.fs.gofer.client;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Fid numbers of one client session: released numbers are reused. Thread-safe. */
final class FidPool {
    private final AtomicInteger next = new AtomicInteger(1);
    private final ConcurrentLinkedQueue<Integer> free = new ConcurrentLinkedQueue<>();

    int allocate() {
        Integer f = free.poll();
        return f != null ? f : next.getAndIncrement();
    }

    void release(int fid) {
        free.add(fid);
    }
}
