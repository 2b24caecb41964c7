package dev.cairn.fs.gofer.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The file-data cache of one {@code cache=fscache} mount: per file (keyed by qid path, so
 * hard links share it) a map of {@link FileData.Chunk chunks}, with one bound on the bytes
 * held by all of them. When an insertion goes over the bound, the thread that did it evicts
 * the least recently used chunks (by last-use time) down to three quarters of the bound, and
 * files left without chunks leave the table; the data path itself takes no global lock (only
 * eviction is serialized, with tryLock, so the bound may be passed briefly by concurrent
 * fills). Changes look their entry up after the server applied them, so an entry made
 * meanwhile can only have been filled with the changed data.
 */
final class PageCache {
    /** Default bound on the cached bytes of one mount. */
    static final long DEFAULT_LIMIT = 256L << 20;

    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final ConcurrentHashMap<Long, FileData> files = new ConcurrentHashMap<>();
    private final ReentrantLock evicting = new ReentrantLock();

    PageCache(long limit) {
        this.limit = Math.max(limit, FileData.CHUNK);
    }

    /** The cached data of the file with this qid path (created empty when absent). */
    FileData file(long qidPath) {
        return files.computeIfAbsent(qidPath, q -> new FileData(this));
    }

    /** Forgets the file's data (it was removed, replaced or newly created under this qid). */
    void drop(long qidPath) {
        FileData d = files.remove(qidPath);
        if (d != null) {
            d.kill();
        }
    }

    /** Forgets everything (the filesystem is released). */
    void clear() {
        for (Long q : List.copyOf(files.keySet())) {
            drop(q);
        }
    }

    long used() {
        return used.get();
    }

    long limit() {
        return limit;
    }

    void account(long delta) {
        if (used.addAndGet(delta) > limit && delta > 0) {
            evict();
        }
    }

    private record Victim(FileData file, long index, FileData.Chunk chunk, long lastUse) { }

    private void evict() {
        if (!evicting.tryLock()) {
            return; // another thread is evicting already
        }
        try {
            List<Victim> all = new ArrayList<>();
            files.values().forEach(f -> f.forEachChunk((i, c) -> all.add(new Victim(f, i, c, c.lastUse))));
            all.sort(Comparator.comparingLong(Victim::lastUse));
            long target = limit - limit / 4;
            for (Victim v : all) {
                if (used.get() <= target) {
                    break;
                }
                v.file().evict(v.index(), v.chunk());
            }
            // files left without chunks leave the table (a later access makes a new entry)
            files.forEach((q, f) -> {
                if (f.cachedChunks() == 0 && files.remove(q, f)) {
                    f.kill();
                }
            });
        } finally {
            evicting.unlock();
        }
    }
}
