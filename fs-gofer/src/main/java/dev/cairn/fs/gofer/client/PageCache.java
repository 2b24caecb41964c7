package dev.cairn.fs.gofer.client;

import dev.cairn.vfs.ErrnoException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The file-data cache of one {@code cache=fscache} mount: per file (keyed by qid path, so
 * hard links share it) a {@link FileData} of {@link Chunk chunks}, with one bound on the bytes
 * held by all of them and one on the dirty (written, not yet flushed) bytes.
 *
 * <p>Space: when an insertion goes over the bound, the thread that did it evicts the least
 * recently used chunks (by last-use time) down to three quarters of the bound; a dirty victim
 * has its file flushed first (a failure is kept for that file's next fsync, and its unflushed
 * data dropped), so dirty data is never dropped silently. Files left idle (no chunks, no
 * writable open that wrote, no error to report) leave the table. The data path itself takes
 * no global lock (only eviction is serialized, with tryLock, so the bound may be passed
 * briefly by concurrent fills and writes).
 *
 * <p>Dirty bytes: when a write leaves more than {@link #dirtyBound()} (a quarter of the
 * bound, at most 64 MiB) dirty in the mount, its writer flushes its own file (and reports a
 * failure) and then, if still above, the others (write throttling). {@link #clear()} (the
 * filesystem's release) flushes everything first.
 */
final class PageCache {
    /** Default bound on the cached bytes of one mount. */
    static final long DEFAULT_LIMIT = 256L << 20;
    private static final long MAX_DIRTY = 64L << 20;

    private final long limit;
    /** Buffer bytes of all chunks (atomic). */
    private final AtomicLong used = new AtomicLong();
    /** Dirty bytes of all chunks (atomic; kept by the chunks under their monitors). */
    private final AtomicLong dirty = new AtomicLong();
    /** The files with cached data, by qid path (concurrent map). */
    private final ConcurrentHashMap<Long, FileData> files = new ConcurrentHashMap<>();
    /** Held (tryLock) by the one thread evicting. */
    private final ReentrantLock evicting = new ReentrantLock();

    PageCache(long limit) {
        this.limit = Math.max(limit, FileData.CHUNK);
    }

    /** The cached data of the file with this qid path (created empty when absent). */
    FileData file(long qidPath) {
        return files.computeIfAbsent(qidPath, q -> new FileData(this));
    }

    /** The cached data of the file with this qid path, or null when there is none. */
    FileData peek(long qidPath) {
        return files.get(qidPath);
    }

    /**
     * Forgets the file's data (it was removed, replaced or newly created under this qid),
     * flushing its dirty data first through the writable opens it still has.
     */
    void drop(long qidPath) {
        FileData d = files.remove(qidPath);
        if (d != null) {
            d.kill("unlink or replacement");
        }
    }

    /** Flushes and forgets everything (the filesystem is released); failures are logged. */
    void clear() {
        for (Long q : List.copyOf(files.keySet())) {
            FileData d = files.remove(q);
            if (d != null) {
                d.kill("unmount");
            }
        }
    }

    long used() {
        return used.get();
    }

    long limit() {
        return limit;
    }

    /** Bytes written into the cache and not flushed yet, in all files. */
    long dirty() {
        return dirty.get();
    }

    long dirtyBound() {
        return Math.min(MAX_DIRTY, Math.max(FileData.CHUNK, limit / 4));
    }

    AtomicLong dirtyCounter() {
        return dirty;
    }

    /** Accounts buffer bytes; a growth that passes the bound evicts. Never call holding a chunk monitor. */
    void account(long delta) {
        if (used.addAndGet(delta) > limit && delta > 0) {
            evict();
        }
    }

    /**
     * After a write to {@code file} through {@code via}: above the dirty bound, flushes that
     * file (its failure is thrown to the writer), then the other files until below it.
     */
    void throttle(FileData file, FileData.Backing via) throws ErrnoException {
        if (dirty.get() <= dirtyBound()) {
            return;
        }
        file.flush(via);
        for (FileData f : files.values()) {
            if (dirty.get() <= dirtyBound() / 2) {
                return;
            }
            if (f != file) {
                f.flushQuietly(null, "write throttling");
            }
        }
    }

    private record Victim(FileData file, long index, Chunk chunk, long lastUse) { }

    private void evict() {
        if (!evicting.tryLock()) {
            return; // another thread is evicting already
        }
        try {
            List<Victim> all = new ArrayList<>();
            files.values().forEach(f -> f.forEachChunk((i, c) -> all.add(new Victim(f, i, c, c.lastUse))));
            all.sort(Comparator.comparingLong(Victim::lastUse));
            long target = limit - limit / 4;
            Set<FileData> flushed = new HashSet<>();
            for (Victim v : all) {
                if (used.get() <= target) {
                    break;
                }
                if (v.chunk().isDirty() && flushed.add(v.file())) {
                    v.file().flushQuietly(null, "eviction"); // never drop dirty data unflushed
                }
                v.file().evictForSpace(v.index(), v.chunk());
            }
            // idle files leave the table (a later access makes a new entry)
            files.forEach((q, f) -> {
                if (f.idle() && files.remove(q, f)) {
                    f.kill("eviction");
                }
            });
        } finally {
            evicting.unlock();
        }
    }
}
