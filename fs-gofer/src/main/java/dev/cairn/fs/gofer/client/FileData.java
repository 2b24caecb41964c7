package dev.cairn.fs.gofer.client;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.Stat;
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
 * offsets, written back: a write goes into the chunks and marks them dirty (a partial write
 * into a chunk that is not cached and lies within the server's size first fills that chunk
 * from the server, so a chunk is always the file's content as a whole); {@link #flush} sends
 * the dirty ranges in offset order, adjacent ones merged into runs of up to {@link #MAX_RUN}
 * bytes (each run one {@link Backing#writeBack} call, which keeps several Twrites in flight),
 * through a writable open of the file. Every writable open that wrote registers itself as a
 * {@link Backing}, and its close flushes before it leaves ({@link #closed}), so dirty data
 * always has an open fid to be flushed through.
 *
 * <p>Flush failures: the call that flushed gets the error when it is a write, fsync or
 * truncation; when it was close, eviction, unlink or release, the error is logged and kept,
 * and the next fsync of the file reports it once ({@link #takePendingError}). Either way the
 * data that failed to flush is dropped from the cache, with the clean chunks (the server's
 * file is then not known exactly).
 *
 * <p>Sizes: {@code writtenEnd} is the end of the data written here since the last truncation
 * (the file is at least that long, flushed or not); {@code serverSize} the server's size as
 * far as this client knows (-1 unknown). Stat overlays them ({@link #overlay}).
 *
 * <p>Concurrency. Lock order: {@code sizeLock}, then {@code flushLock}, then a chunk's monitor;
 * nothing calls the page cache's accounting (which may evict) while holding a chunk monitor
 * or {@code flushLock}. Reads and writes hold {@code sizeLock} shared; truncation, appends
 * and invalidation hold it exclusively, so no fill or write overlaps them. Flushes
 * serialize on {@code flushLock} (two flushes of one chunk must not reorder on the server);
 * writes to a chunk being flushed are noticed by its version. A fill reads only chunks that
 * were absent, and counts itself in {@code fills} meanwhile; chunks of a file with fills in
 * flight are not evicted, so a chunk written, flushed and evicted while a fill read the old
 * bytes from the server cannot be replaced by them.
 */
final class FileData {
    private static final Logger LOG = LoggerFactory.getLogger(FileData.class);
    static final int CHUNK = Chunk.SIZE;
    /** Most chunks one fill asks the server for (the request's own, plus readahead). */
    private static final int MAX_FILL = 16;
    /** Chunks read ahead of a sequential reader. */
    private static final int READAHEAD = 8;
    /** Most bytes one flush hands to one {@link Backing#writeBack} call. */
    static final int MAX_RUN = 8 << 20;

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

        /**
         * Writes {@code src} at {@code offset} on the server, advancing its position.
         *
         * @return the bytes the server took (all unless it stopped short)
         */
        int writeBack(ByteBuffer src, long offset) throws ErrnoException;

        /** The server's file changed by a flush: attributes cached for it are stale. */
        void flushed();

        /** The file's path, for messages. */
        String path();
    }

    private final PageCache cache;
    private final ConcurrentHashMap<Long, Chunk> chunks = new ConcurrentHashMap<>();
    /** Shared by reads and writes; exclusive for truncation, appends and invalidation. */
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
    /** Wall-clock time (ns) of the last write here, 0 when none since the last setattr. */
    private volatile long lastWrite;
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
        try {
            return readShared(dst, offset, source);
        } finally {
            sizeLock.readLock().unlock();
        }
    }

    private int readShared(ByteBuffer dst, long offset, Source source) throws ErrnoException {
        long pos = offset;
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
     * Writes {@code src} (all of it) into the cache at {@code offset}, dirty; {@code via} is the
     * writable open it came through and may flush it. Flushes when the mount's dirty bytes
     * passed their bound, and then reports that flush's failure.
     *
     * @return the bytes written
     */
    int write(ByteBuffer src, long offset, Backing via) throws ErrnoException {
        int n = src.remaining();
        if (!writers.contains(via)) {
            writers.add(via);
        }
        sizeLock.readLock().lock();
        try {
            // writtenEnd first, then the chunks, then the short chunks below: a fill inserts
            // its chunks first and reads writtenEnd after, so one of the two extends them
            writtenEnd.accumulateAndGet(offset + n, Math::max);
            lastWrite = System.currentTimeMillis() * 1_000_000L;
            long pos = offset;
            ByteBuffer rest = src.duplicate();
            while (rest.hasRemaining()) {
                long index = pos / CHUNK;
                int in = (int) (pos % CHUNK);
                int k = Math.min(rest.remaining(), CHUNK - in);
                ByteBuffer part = rest.slice();
                part.limit(k);
                writeChunk(index, in, part, via);
                rest.position(rest.position() + k);
                pos += k;
            }
            long firstIndex = offset / CHUNK;
            for (Map.Entry<Long, Chunk> e : chunks.entrySet()) {
                if (e.getKey() < firstIndex) {
                    cache.account(e.getValue().extendTo(CHUNK));
                }
            }
        } finally {
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
            LOG.warn("9p: write-back at {} failed, the unflushed data is dropped: {}", when, e.getMessage());
            if (pendingError == null) {
                pendingError = e;
            }
        } finally {
            flushLock.unlock();
        }
    }

    /** The failure of a flush at close or eviction not reported yet (then forgotten), or null. */
    ErrnoException takePendingError() {
        flushLock.lock();
        try {
            ErrnoException e = pendingError;
            pendingError = null;
            return e;
        } finally {
            flushLock.unlock();
        }
    }

    /** fsync's part: flushes, then reports that flush's failure or an earlier one kept. */
    void sync(Backing via) throws ErrnoException {
        flushLock.lock();
        try {
            flushLocked(via, Long.MAX_VALUE);
            ErrnoException e = pendingError;
            pendingError = null;
            if (e != null) {
                throw e;
            }
        } finally {
            flushLock.unlock();
        }
    }

    /** A writable open closes: it flushes (failures kept for fsync) and stops being a writer. */
    void closed(Backing via) {
        if (!writers.contains(via)) {
            return;
        }
        flushLock.lock();
        try {
            flushQuietly(via, "close of " + via.path());
            writers.remove(via);
        } finally {
            flushLock.unlock();
        }
    }

    private record Piece(long index, Chunk chunk, Chunk.Dirty dirty) {
        long start() {
            return index * CHUNK + dirty.from();
        }

        long end() {
            return index * CHUNK + dirty.to();
        }
    }

    /** Flushes the dirty bytes below {@code upTo}, in offset order; on failure see the class doc. */
    private void flushLocked(Backing via, long upTo) throws ErrnoException {
        List<Piece> pieces = new ArrayList<>();
        for (Map.Entry<Long, Chunk> e : chunks.entrySet()) {
            long start = e.getKey() * CHUNK;
            if (start < upTo) {
                Chunk.Dirty d = e.getValue().dirty((int) Math.min(CHUNK, upTo - start));
                if (d != null) {
                    pieces.add(new Piece(e.getKey(), e.getValue(), d));
                }
            }
        }
        if (pieces.isEmpty()) {
            return;
        }
        pieces.sort((a, b) -> Long.compare(a.index(), b.index()));
        Backing sink = via != null && writers.contains(via) ? via : writers.stream().findFirst().orElse(null);
        if (sink == null) {
            LOG.error("9p: dirty data of a file without a writable open: dropped");
            failedLocked(pieces);
            throw Errno.EIO.exception("write-back: no writable open left");
        }
        ErrnoException failure = null;
        try {
            int i = 0;
            while (i < pieces.size()) {
                int j = i + 1;
                long bytes = pieces.get(i).dirty().bytes().length;
                while (j < pieces.size() && pieces.get(j).start() == pieces.get(j - 1).end()
                        && bytes + pieces.get(j).dirty().bytes().length <= MAX_RUN) {
                    bytes += pieces.get(j).dirty().bytes().length;
                    j++;
                }
                List<Piece> run = pieces.subList(i, j);
                try {
                    sendRun(sink, run, (int) bytes);
                    run.forEach(p -> p.chunk().flushed(p.dirty()));
                } catch (ErrnoException e) {
                    if (failure == null) {
                        failure = e;
                    }
                    failedLocked(run);
                }
                i = j;
            }
        } finally {
            sink.flushed();
        }
        if (failure != null) {
            serverSize = -1; // how much of a failed run reached the server is not known
            dropCleanLocked();
            throw failure;
        }
    }

    private void sendRun(Backing sink, List<Piece> run, int bytes) throws ErrnoException {
        ByteBuffer buf = ByteBuffer.allocate(bytes);
        run.forEach(p -> buf.put(p.dirty().bytes()));
        buf.flip();
        long offset = run.get(0).start();
        while (buf.hasRemaining()) {
            long at = offset + buf.position();
            if (sink.writeBack(buf, at) <= 0) {
                throw Errno.EIO.exception("write-back " + sink.path() + ": server wrote nothing at " + at);
            }
        }
        long end = offset + bytes;
        if (serverSize >= 0 && end > serverSize) {
            serverSize = end;
        }
    }

    /** The pieces that failed to flush leave the cache (dirty bytes discarded). */
    private void failedLocked(List<Piece> failed) {
        for (Piece p : failed) {
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

    /** A setattr of the file: the task of {@link #truncate} for a change without a size. */
    interface Setattr {
        void run() throws ErrnoException;
    }

    /**
     * Truncation: dirty data below {@code size} is flushed first (a failure is thrown and the
     * server is not asked), dirty data beyond it discarded once {@code op} (the server's
     * setattr) succeeded; chunks are then trimmed to the size, and those that claimed another
     * end dropped. After a failed {@code op} the clean chunks are dropped (the server's size
     * is then not known).
     */
    void truncate(long size, Backing any, Setattr op) throws ErrnoException {
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
     * cannot change the times the server set; a flush failure is thrown.
     */
    void setattr(Backing any, Setattr op) throws ErrnoException {
        flushLock.lock();
        try {
            flushLocked(any, Long.MAX_VALUE);
            op.run();
            lastWrite = 0;
        } finally {
            flushLock.unlock();
        }
    }

    /** How an append reaches the server; returns the new size. */
    interface Append {
        long run() throws ErrnoException;
    }

    /**
     * An O_APPEND write, write-through: dirty data is flushed first (through {@code via} when
     * it may, any other writer else), then {@code op} appends on the server; the file's chunks
     * are dropped (where the server put the bytes is known only from its size).
     *
     * @return the new size
     */
    long append(Backing via, Append op) throws ErrnoException {
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

    /** Stat of the server's file with this client's unflushed writes: size, blocks, mtime, ctime. */
    Stat overlay(Stat s) {
        long end = writtenEnd.get();
        long at = lastWrite;
        if (end <= s.size() && at <= s.mtimeNanos() && at <= s.ctimeNanos()) {
            return s;
        }
        long size = Math.max(s.size(), end);
        long blocks = size > s.size() ? Math.max(s.blocks(), (size + 511) / 512) : s.blocks();
        return new Stat(s.devMajor(), s.devMinor(), s.ino(), s.mode(), s.nlink(), s.uid(), s.gid(), s.rdevMajor(),
                s.rdevMinor(), size, s.blksize(), blocks, s.atimeNanos(), Math.max(s.mtimeNanos(), at),
                Math.max(s.ctimeNanos(), at));
    }

    /** Forgets all data for good (the file is gone from the cache's table), flushing it first. */
    void kill(String when) {
        flushQuietly(null, when);
        dead = true;
        for (Map.Entry<Long, Chunk> e : chunks.entrySet()) {
            evict(e.getKey(), e.getValue(), true);
        }
    }

    void forEachChunk(BiConsumer<Long, Chunk> each) {
        chunks.forEach(each);
    }

    /**
     * Removes chunk {@code c} at {@code index} (if it is still the one cached there), unless it
     * is dirty and {@code evenDirty} is false.
     *
     * @return whether it is gone
     */
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

    /** Drops the clean chunks of a file that left the table while something wrote to it. */
    private void dropAllClean() {
        for (Map.Entry<Long, Chunk> e : chunks.entrySet()) {
            evict(e.getKey(), e.getValue(), false);
        }
    }

    int cachedChunks() {
        return chunks.size();
    }

    /** Whether the file may leave the cache's table: no chunks, no writers, no error to report. */
    boolean idle() {
        if (!chunks.isEmpty() || !writers.isEmpty() || fills.get() > 0) {
            return false;
        }
        flushLock.lock();
        try {
            return pendingError == null;
        } finally {
            flushLock.unlock();
        }
    }
}
