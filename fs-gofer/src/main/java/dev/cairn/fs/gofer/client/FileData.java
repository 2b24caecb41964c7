package dev.cairn.fs.gofer.client;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cached data of one remote file, in {@link #CHUNK}-sized {@link Chunk chunks} at aligned
 * offsets, written back: a write goes into the chunks, dirty (a partial write into a chunk that
 * is not cached and lies within the server's size fills that chunk from the server first, so a
 * chunk is always the file's content as a whole); {@link #flush} sends the dirty ranges in
 * offset order, merged into runs ({@link WriteBackRuns}), through a writable open that wrote
 * here: each registers as a {@link Backing} and flushes at its close ({@link #closed}), so
 * dirty data always has an open fid to go through. A flush failure is thrown to a write,
 * fsync or truncation that flushed; at close, eviction, unlink or release it is logged and
 * kept for the next {@link #sync} (once). Either way the failed data and the clean chunks
 * are dropped. {@code writtenEnd} (the file is at least that long) and {@code lastWrite}
 * feed stat ({@link P9RegularFile#stat}).
 *
 * <p>Concurrency. Lock order: {@code sizeLock}, {@code flushLock}, a chunk's monitor; nothing
 * that grows the page cache (and so may evict) holds a monitor or {@code flushLock}. Reads and
 * writes hold {@code sizeLock} shared, truncation and writes through to the server
 * exclusively. Flushes serialize on {@code flushLock} (two flushes of a chunk must not reorder
 * on the server); a write to a chunk being flushed is seen by its version. A fill reads only
 * absent chunks and counts itself in {@code fills}; a file's chunks are not evicted during a
 * fill, so a chunk written, flushed and evicted meanwhile cannot come back with old bytes.
 */
final class FileData {
    private static final Logger LOG = LoggerFactory.getLogger(FileData.class);
    static final int CHUNK = Chunk.SIZE;
    /** Most chunks one fill asks the server for (the request's own, plus readahead). */
    private static final int MAX_FILL = 16;
    /** Chunks read ahead of a sequential reader. */
    private static final int READAHEAD = 8;

    /** How a fill reads from the server. */
    interface Source {
        /**
         * Fills {@code sinks} (each {@link #CHUNK} bytes, from its position 0) with the file's
         * consecutive bytes from {@code offset}; short only at end of file.
         *
         * @return the bytes read in all
         */
        int readChunks(ByteBuffer[] sinks, long offset) throws ErrnoException;
    }

    /** A writable open of the file: what writes and flushes need from the server. */
    interface Backing extends Source {
        /** The server's current size of the file (a Tgetattr). */
        long serverSize() throws ErrnoException;

        /** Writes {@code src} at {@code offset} on the server, advancing it by what the server took. */
        int writeBack(ByteBuffer src, long offset) throws ErrnoException;

        /** The server's file changed by a flush: attributes cached for it are stale. */
        void flushed();

        /** The file's path, for messages. */
        String path();
    }

    private final PageCache cache;
    /** The cached chunks by index (concurrent map; each chunk guards itself). */
    private final ConcurrentHashMap<Long, Chunk> chunks = new ConcurrentHashMap<>();
    /** Shared by reads and writes; exclusive for truncation and writes through to the server. */
    private final ReentrantReadWriteLock sizeLock = new ReentrantReadWriteLock();
    /** Serializes flushes; guards {@link #serverSize} and {@link #pendingError}; held while a writer's fid is used. */
    private final ReentrantLock flushLock = new ReentrantLock();
    /** Writable opens that wrote here; added by a write before it touches a chunk, removed under flushLock. */
    private final Set<Backing> writers = ConcurrentHashMap.newKeySet();
    /** The server's size as far as known, -1 unknown. Guarded by flushLock. */
    private long serverSize = -1;
    /** A flush failure nobody was told about yet (close, eviction). Guarded by flushLock. */
    private ErrnoException pendingError;
    /** End of the data written here since the last truncation. */
    private final AtomicLong writtenEnd = new AtomicLong();
    /**
     * Wall-clock time (ns) of the last write here while it is not flushed: 0 once a flush
     * found no write in progress or since its start (the server's times then tell), or after
     * a setattr.
     */
    private volatile long lastWrite;
    /** Writes in progress, and writes begun (for a flush to tell whether all it saw is all there is). */
    private final AtomicInteger writing = new AtomicInteger();
    private final AtomicLong writeSeq = new AtomicLong();
    /** Fills reading from the server right now (their file's chunks are not evicted meanwhile). */
    private final AtomicInteger fills = new AtomicInteger();
    /** Where the last read ended: a read starting there is sequential and gets readahead. */
    private volatile long sequentialAt = -1;
    /** Set when the file left the cache's table: nothing may stay cached here any more. */
    private volatile boolean dead;

    FileData(PageCache cache) {
        this.cache = cache;
    }

    /** Reads through the cache, filling missing chunks from {@code source}. */
    int read(ByteBuffer dst, long offset, Source source) throws ErrnoException {
        sizeLock.readLock().lock();
        long pos = offset;
        try {
            // readahead for a reader continuing where it stopped, or starting a large read at 0
            boolean sequential = offset == 0 ? dst.remaining() >= CHUNK : offset == sequentialAt;
            boolean more = true;
            while (more && dst.hasRemaining()) {
                long index = pos / CHUNK;
                int in = (int) (pos % CHUNK);
                Chunk c = chunks.get(index);
                Chunk[] run;
                if (c != null) {
                    run = new Chunk[] {c};
                } else {
                    int want = (int) Math.min(MAX_FILL, (in + (long) dst.remaining() + CHUNK - 1) / CHUNK);
                    run = fill(index, Math.min(MAX_FILL, want + (sequential ? READAHEAD : 0)), source);
                }
                for (Chunk r : run) {
                    int n = r.copyOut(in, dst);
                    pos += n;
                    if (!dst.hasRemaining()) {
                        break;
                    }
                    if (in + n < CHUNK) {
                        more = false; // a short chunk: end of file
                        break;
                    }
                    in = 0;
                }
            }
        } finally {
            sizeLock.readLock().unlock();
        }
        sequentialAt = pos;
        return (int) (pos - offset);
    }

    /**
     * Reads up to {@code count} chunks from {@code first} on (stopping before one already
     * cached, and after a short one) from the server straight into new chunks, and caches them.
     * Chunks below {@code writtenEnd} that the server does not have (yet) are zeros.
     *
     * @return the chunks read, in order (some possibly already taken back; still fine to copy from)
     */
    private Chunk[] fill(long first, int count, Source source) throws ErrnoException {
        Filled f;
        fills.incrementAndGet();
        try {
            f = fillCounted(first, count, source);
        } finally {
            fills.decrementAndGet();
        }
        cache.account(f.grown()); // may evict: only once this fill no longer holds eviction off
        if (dead) {
            dropAllClean();
        }
        return f.run();
    }

    private record Filled(Chunk[] run, long grown) { }

    private Filled fillCounted(long first, int count, Source source) throws ErrnoException {
        int k = 1;
        while (k < count && !chunks.containsKey(first + k)) {
            k++;
        }
        ByteBuffer[] sinks = new ByteBuffer[k];
        for (int i = 0; i < k; i++) {
            sinks[i] = ByteBuffer.allocate(CHUNK);
        }
        long start = first * CHUNK;
        int n = source.readChunks(sinks, start);
        long end = Math.max(start + n, Math.min(writtenEnd.get(), start + (long) k * CHUNK));
        int used = (int) Math.min(k, (end - start) / CHUNK + 1);
        Chunk[] run = new Chunk[used];
        long grown = 0;
        for (int i = 0; i < used; i++) {
            int len = (int) Math.max(0, Math.min(CHUNK, end - start - (long) i * CHUNK));
            byte[] bytes = sinks[i].array();
            Chunk c = new Chunk(len == CHUNK ? bytes : Arrays.copyOf(bytes, len), len, cache.dirtyCounter());
            Chunk had = chunks.putIfAbsent(first + i, c);
            if (had == null) {
                grown += len;
            }
            run[i] = had != null ? had : c;
        }
        // a write that raised writtenEnd meanwhile may have missed these chunks when it
        // extended the short ones below it: extend them here (see write)
        long we = writtenEnd.get();
        for (int i = 0; i < used; i++) {
            long at = start + (long) i * CHUNK;
            if (we > at) {
                grown += run[i].extendTo((int) Math.min(CHUNK, we - at));
            }
        }
        return new Filled(run, grown);
    }

    /**
     * Writes {@code src} into the cache at {@code offset}, dirty; {@code via} is the writable
     * open it came through and may flush it. Flushes when the mount's dirty bytes passed their
     * bound, and then reports that flush's failure.
     *
     * @return the bytes written: all, unless filling a chunk around the write failed part-way
     */
    int write(ByteBuffer src, long offset, Backing via) throws ErrnoException {
        int n = src.remaining();
        if (n == 0) {
            return 0; // as Linux: no change, no new times
        }
        if (!writers.contains(via)) {
            writers.add(via);
        }
        sizeLock.readLock().lock();
        writing.incrementAndGet();
        writeSeq.incrementAndGet();
        long pos = offset;
        try {
            // writtenEnd first, then the chunk, then the short chunks below: a fill inserts
            // its chunks first and reads writtenEnd after, so one of the two extends them
            long oldEnd = writtenEnd.get();
            lastWrite = System.currentTimeMillis() * 1_000_000L;
            ByteBuffer rest = src.duplicate();
            while (rest.hasRemaining()) {
                long index = pos / CHUNK;
                int in = (int) (pos % CHUNK);
                int k = Math.min(rest.remaining(), CHUNK - in);
                ByteBuffer part = rest.slice();
                part.limit(k);
                writtenEnd.accumulateAndGet(pos + k, Math::max);
                writeChunk(index, in, part, via);
                rest.position(rest.position() + k);
                pos += k;
            }
            extendShortChunks(oldEnd / CHUNK, offset / CHUNK);
        } catch (ErrnoException e) {
            if (pos == offset) {
                throw e;
            }
            LOG.debug("9p: write of {} stopped at {}: {}", via.path(), pos, e.getMessage());
            n = (int) (pos - offset); // a fill failed part-way: report what was written
        } finally {
            writing.decrementAndGet();
            sizeLock.readLock().unlock();
        }
        src.position(src.position() + n);
        if (dead) {
            flush(via); // the file left the table meanwhile: its data must not stay here
            dropAllClean();
        }
        cache.throttle(this, via);
        return n;
    }

    /**
     * The file now reaches past chunks {@code [from, to)}: any of them that is short (it ended at
     * the old end of file; below the old {@code writtenEnd} chunks are whole already) grows
     * with zeros, a hole.
     */
    private void extendShortChunks(long from, long to) {
        if (to - from <= chunks.size()) {
            for (long i = from; i < to; i++) {
                Chunk c = chunks.get(i);
                if (c != null) {
                    cache.account(c.extendTo(CHUNK));
                }
            }
            return;
        }
        for (Map.Entry<Long, Chunk> e : chunks.entrySet()) {
            if (e.getKey() >= from && e.getKey() < to) {
                cache.account(e.getValue().extendTo(CHUNK));
            }
        }
    }

    private void writeChunk(long index, int in, ByteBuffer part, Backing via) throws ErrnoException {
        while (true) {
            Chunk c = chunks.get(index);
            if (c == null) {
                boolean whole = in == 0 && part.remaining() == CHUNK;
                if (!whole && !dead && index * CHUNK < knownServerSize(via)) {
                    fill(index, 1, via); // the bytes around the write are on the server
                    continue;
                }
                // nothing of it on the server: zeros, as far as the file reaches already
                int len = (int) Math.max(0, Math.min(CHUNK, writtenEnd.get() - index * CHUNK));
                Chunk fresh = new Chunk(new byte[len], len, cache.dirtyCounter());
                c = chunks.putIfAbsent(index, fresh);
                if (c == null) {
                    c = fresh;
                    cache.account(len);
                }
            }
            long grown = c.write(in, part.duplicate());
            if (grown >= 0) {
                cache.account(grown);
                return;
            }
            chunks.remove(index, c); // removed meanwhile: look again
        }
    }

    private long knownServerSize(Backing via) throws ErrnoException {
        flushLock.lock();
        try {
            if (serverSize < 0) {
                serverSize = via.serverSize(); // no flush can change it meanwhile
            }
            return serverSize;
        } finally {
            flushLock.unlock();
        }
    }

    /** Sends the dirty data to the server through {@code via} (or any writer, when null). */
    void flush(Backing via) throws ErrnoException {
        flushLock.lock();
        try {
            flushLocked(via, Long.MAX_VALUE);
        } finally {
            flushLock.unlock();
        }
    }

    /** As {@link #flush}, but a failure is logged and kept for the next fsync instead of thrown. */
    void flushQuietly(Backing via, String when) {
        flushLock.lock();
        try {
            flushLocked(via, Long.MAX_VALUE);
        } catch (ErrnoException e) {
            LOG.warn("9p: write-back of {} at {} failed, its unflushed data is dropped: {}", path(via), when,
                    e.getMessage());
            if (pendingError == null) {
                pendingError = e;
            }
        } finally {
            flushLock.unlock();
        }
    }

    /** fsync's part: flushes, then reports that flush's failure or an earlier one kept (once). */
    void sync(Backing via) throws ErrnoException {
        flushLock.lock();
        try {
            ErrnoException e = pendingError;
            pendingError = null;
            flushLocked(via, Long.MAX_VALUE);
            if (e != null) {
                throw e;
            }
        } finally {
            flushLock.unlock();
        }
    }

    private String path(Backing via) {
        return via != null ? via.path() : writers.stream().findFirst().map(Backing::path).orElse("a file");
    }

    /** A writable open closes: it flushes (failures kept for fsync) and stops being a writer. */
    void closed(Backing via) {
        if (writers.contains(via)) {
            flushLock.lock();
            try {
                flushQuietly(via, "close");
                writers.remove(via);
            } finally {
                flushLock.unlock();
            }
        }
    }

    /** Flushes the dirty bytes below {@code upTo}, in offset order; on failure see the class doc. */
    private void flushLocked(Backing via, long upTo) throws ErrnoException {
        long seq = writeSeq.get();
        boolean quiet = writing.get() == 0;
        flushPiecesLocked(via, upTo);
        if (quiet && seq == writeSeq.get() && upTo == Long.MAX_VALUE) {
            lastWrite = 0; // everything written is on the server, with the server's times
        }
    }

    private void flushPiecesLocked(Backing via, long upTo) throws ErrnoException {
        List<WriteBackRuns.Dirty> dirty = new ArrayList<>();
        for (Map.Entry<Long, Chunk> e : chunks.entrySet()) {
            if (e.getKey() * CHUNK < upTo && e.getValue().isDirty()) {
                dirty.add(new WriteBackRuns.Dirty(e.getKey(), e.getValue()));
            }
        }
        if (dirty.isEmpty()) {
            return;
        }
        dirty.sort((a, b) -> Long.compare(a.index(), b.index()));
        Backing sink = via != null && writers.contains(via) ? via : writers.stream().findFirst().orElse(null);
        if (sink == null) {
            LOG.error("9p: dirty data of a file without a writable open: dropped");
            dirty.forEach(d -> evict(d.index(), d.chunk(), true));
            throw Errno.EIO.exception("write-back: no writable open left");
        }
        try {
            long end = WriteBackRuns.send(dirty, upTo, sink, this::failedLocked);
            if (serverSize >= 0 && end > serverSize) {
                serverSize = end;
            }
        } catch (ErrnoException e) {
            serverSize = -1; // how much of a failed run reached the server is not known
            dropCleanLocked();
            throw e;
        } finally {
            sink.flushed();
        }
    }

    /** The pieces that failed to flush leave the cache (dirty bytes discarded). */
    private void failedLocked(List<WriteBackRuns.Piece> failed) {
        for (WriteBackRuns.Piece p : failed) {
            evict(p.index(), p.chunk(), true);
        }
    }

    /** Drops the clean chunks; writtenEnd shrinks to the end of what stays dirty. */
    private void dropCleanLocked() {
        long end = 0;
        for (Map.Entry<Long, Chunk> e : chunks.entrySet()) {
            if (!evict(e.getKey(), e.getValue(), false)) {
                end = Math.max(end, e.getKey() * CHUNK + e.getValue().length());
            }
        }
        writtenEnd.set(end);
    }

    /** A change of the file made on the server (a setattr, an append); returns the new size, or -1 when not known. */
    interface ServerOp {
        long run() throws ErrnoException;
    }

    /**
     * Truncation: dirty data below {@code size} is flushed first (a failure is thrown and the
     * server is not asked), dirty data beyond it discarded once {@code op} (the server's
     * setattr) succeeded; chunks are then trimmed to the size, and those that claimed another
     * end dropped. After a failed {@code op} the clean chunks are dropped (the server's size
     * is then not known).
     */
    void truncate(long size, Backing any, ServerOp op) throws ErrnoException {
        sizeLock.writeLock().lock();
        try {
            flushLock.lock();
            try {
                flushLocked(any, size);
                try {
                    op.run();
                } catch (ErrnoException | RuntimeException e) {
                    serverSize = -1;
                    dropCleanLocked();
                    throw e;
                }
                serverSize = size;
                writtenEnd.set(size);
                lastWrite = 0;
                trimLocked(size);
            } finally {
                flushLock.unlock();
            }
        } finally {
            sizeLock.writeLock().unlock();
        }
    }

    private void trimLocked(long size) {
        for (Map.Entry<Long, Chunk> e : chunks.entrySet()) {
            long expected = Math.max(0, Math.min(CHUNK, size - e.getKey() * CHUNK));
            Chunk c = e.getValue();
            int len = c.length();
            if (expected == 0 || len < expected) {
                evict(e.getKey(), c, true); // beyond the end, or it claimed an end the file no longer has
            } else if (len > expected) {
                c.trim((int) expected);
            }
        }
    }

    /**
     * Any other setattr (mode, owner, times): dirty data is flushed first, so a later flush
     * cannot change the times the server set; as Linux v9fs, a failure of that flush does not
     * fail the setattr: it is logged and kept for the next fsync.
     */
    void setattr(Backing any, ServerOp op) throws ErrnoException {
        flushLock.lock();
        try {
            flushQuietly(any, "setattr");
            op.run();
            lastWrite = 0;
        } finally {
            flushLock.unlock();
        }
    }

    /**
     * A write that goes through to the server (O_APPEND, or an open that cannot read): dirty
     * data is flushed first (through {@code via} when it may, any other writer else), then
     * {@code op} changes the server's file, and the file's cached chunks are dropped (where an
     * append put the bytes is known only from the server's size).
     *
     * @return what {@code op} returned
     */
    long throughServer(Backing via, ServerOp op) throws ErrnoException {
        sizeLock.writeLock().lock();
        try {
            flushLock.lock();
            try {
                flushLocked(via, Long.MAX_VALUE);
                serverSize = -1;
                try {
                    long size = op.run();
                    serverSize = size;
                    return size;
                } finally {
                    dropCleanLocked();
                }
            } finally {
                flushLock.unlock();
            }
        } finally {
            sizeLock.writeLock().unlock();
        }
    }

    /** End of the data written since the last truncation: the file is at least this long. */
    long writtenEnd() {
        return writtenEnd.get();
    }

    /** Wall-clock time (ns) of the last write not flushed yet, 0 when none. */
    long lastWrite() {
        return lastWrite;
    }

    /**
     * Forgets all data for good (the file is gone from the cache's table), flushing it first.
     * {@code dead} is set before the flush: a write that lands after it sees it, and flushes.
     */
    void kill(String when) {
        dead = true;
        flushQuietly(null, when);
        dropAllClean();
    }

    void forEachChunk(BiConsumer<Long, Chunk> each) {
        chunks.forEach(each);
    }

    /** Removes chunk {@code c} at {@code index} unless it is dirty and not {@code evenDirty}; whether it is gone. */
    boolean evict(long index, Chunk c, boolean evenDirty) {
        int freed = c.markRemoved(evenDirty);
        if (freed < 0) {
            return false;
        }
        chunks.remove(index, c);
        if (freed > 0) {
            cache.account(-freed);
        }
        return true;
    }

    /** The page cache's eviction: as {@link #evict} of a clean chunk, but never during a fill of the file. */
    boolean evictForSpace(long index, Chunk c) {
        return fills.get() == 0 && evict(index, c, false);
    }

    /** Drops the clean chunks (of a file that left the table). */
    private void dropAllClean() {
        for (Map.Entry<Long, Chunk> e : chunks.entrySet()) {
            evict(e.getKey(), e.getValue(), false);
        }
    }

    /** Whether the file may leave the cache's table: no chunks, no writers, no error to report. */
    boolean idle() {
        if (!chunks.isEmpty() || !writers.isEmpty() || fills.get() > 0 || !flushLock.tryLock()) {
            return false;
        }
        try {
            return pendingError == null;
        } finally {
            flushLock.unlock();
        }
    }
}
