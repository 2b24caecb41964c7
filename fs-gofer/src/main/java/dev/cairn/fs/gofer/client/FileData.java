package dev.cairn.fs.gofer.client;

import dev.cairn.vfs.ErrnoException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The cached data of one remote file, in {@link #CHUNK}-sized chunks at aligned offsets. A
 * chunk shorter than {@link #CHUNK} ends at the end of file as it was when read (or as this
 * client made it). Writes go to the server first and then into the chunks present here
 * (write-through, see {@link P9OpenFile}); truncation trims the chunks to the new size.
 *
 * <p>Concurrency: each chunk guards its bytes with its own monitor. A fill (a server read)
 * that overlaps a change of the file is recognised by the change counter {@link #mods}, which
 * every change bumps after the server has applied it and before it touches the chunks: a
 * fill whose counter moved meanwhile takes back the chunks it inserted, so stale data never
 * stays cached.
 */
final class FileData {
    static final int CHUNK = 128 * 1024;
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

    /** A cached run of file bytes; {@code len} valid bytes in {@code data}. */
    static final class Chunk {
        private byte[] data;
        private int len;
        private boolean removed;
        volatile long lastUse = System.nanoTime();

        Chunk(byte[] data) {
            this.data = data;
            this.len = data.length;
        }

        /** Copies from {@code from} into {@code dst}; 0 when {@code from} is at or past the end. */
        synchronized int copyOut(int from, ByteBuffer dst) {
            lastUse = System.nanoTime();
            int n = Math.min(len - from, dst.remaining());
            if (n <= 0) {
                return 0;
            }
            dst.put(data, from, n);
            return n;
        }

        /** Overwrites from {@code at}, zero-filling any gap after the current end; returns growth. */
        synchronized long overwrite(int at, ByteBuffer src) {
            int end = at + src.remaining();
            long grown = 0;
            if (end > data.length) {
                int cap = Math.min(CHUNK, Math.max(end, data.length * 2));
                grown = removed ? 0 : cap - data.length;
                data = Arrays.copyOf(data, cap);
            }
            if (at > len) {
                Arrays.fill(data, len, at, (byte) 0);
            }
            src.get(data, at, src.remaining());
            len = Math.max(len, end);
            return grown;
        }

        synchronized int length() {
            return len;
        }

        /** Cuts the valid bytes to {@code n} (smaller than the current length). */
        synchronized void trim(int n) {
            Arrays.fill(data, n, len, (byte) 0);
            len = n;
        }

        /** Marks the chunk gone; returns the bytes it held for the cache's accounting. */
        synchronized int markRemoved() {
            removed = true;
            return data.length;
        }
    }

    private final PageCache cache;
    private final ConcurrentHashMap<Long, Chunk> chunks = new ConcurrentHashMap<>();
    private final AtomicLong mods = new AtomicLong();
    /** Where the last read ended: a read starting there is sequential and gets readahead. */
    private volatile long sequentialAt = -1;
    /** Set when the file left the cache's table: nothing may stay cached here any more. */
    private volatile boolean dead;

    FileData(PageCache cache) {
        this.cache = cache;
    }

    /** Reads through the cache, filling missing chunks from {@code source}. */
    int read(ByteBuffer dst, long offset, Source source) throws ErrnoException {
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
     *
     * @return the chunks read, in order (some possibly already taken back; still fine to copy from)
     */
    private Chunk[] fill(long first, int count, Source source) throws ErrnoException {
        int k = 1;
        while (k < count && !chunks.containsKey(first + k)) {
            k++;
        }
        long before = mods.get();
        ByteBuffer[] sinks = new ByteBuffer[k];
        for (int i = 0; i < k; i++) {
            sinks[i] = ByteBuffer.allocate(CHUNK);
        }
        int n = source.readChunks(sinks, first * CHUNK);
        int used = Math.min(k, n / CHUNK + 1);
        Chunk[] run = new Chunk[used];
        Chunk[] inserted = new Chunk[used];
        for (int i = 0; i < used; i++) {
            int len = Math.min(CHUNK, n - i * CHUNK);
            byte[] bytes = sinks[i].array();
            Chunk c = new Chunk(len == CHUNK ? bytes : Arrays.copyOf(bytes, len));
            Chunk had = chunks.putIfAbsent(first + i, c);
            if (had == null) {
                inserted[i] = c;
                cache.account(c.data.length);
            }
            run[i] = had != null ? had : c;
        }
        takeBackIfChanged(before, first, inserted);
        return run;
    }

    private void takeBackIfChanged(long before, long first, Chunk[] inserted) {
        if (mods.get() != before || dead) {
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i] != null) {
                    evict(first + i, inserted[i]);
                }
            }
        }
    }

    /** After this client wrote {@code data} at {@code offset} on the server. */
    void written(long offset, ByteBuffer data) {
        mods.incrementAndGet();
        long firstIndex = offset / CHUNK;
        long pos = offset;
        ByteBuffer rest = data.duplicate();
        while (rest.hasRemaining()) {
            long index = pos / CHUNK;
            int in = (int) (pos % CHUNK);
            int n = Math.min(rest.remaining(), CHUNK - in);
            ByteBuffer part = rest.slice();
            part.limit(n);
            Chunk c = chunks.get(index);
            if (c != null) {
                cache.account(c.overwrite(in, part));
            }
            rest.position(rest.position() + n);
            pos += n;
        }
        // a short chunk before the write claimed an end of file that the write moved
        for (Map.Entry<Long, Chunk> e : chunks.entrySet()) {
            if (e.getKey() < firstIndex && e.getValue().length() < CHUNK) {
                evict(e.getKey(), e.getValue());
            }
        }
    }

    /** After the server's file got size {@code size}: chunks are trimmed to it or dropped. */
    void truncated(long size) {
        mods.incrementAndGet();
        for (Map.Entry<Long, Chunk> e : chunks.entrySet()) {
            long expected = Math.max(0, Math.min(CHUNK, size - e.getKey() * CHUNK));
            Chunk c = e.getValue();
            int len = c.length();
            if (expected == 0 || len < expected) {
                evict(e.getKey(), c); // beyond the end, or it claimed an end the file no longer has
            } else if (len > expected) {
                c.trim((int) expected);
            }
        }
    }

    /** Forgets all data (after a change whose effect is not known exactly, or an append). */
    void invalidate() {
        mods.incrementAndGet();
        for (Map.Entry<Long, Chunk> e : chunks.entrySet()) {
            evict(e.getKey(), e.getValue());
        }
    }

    /** Forgets all data for good: the file is gone from the cache's table. */
    void kill() {
        dead = true;
        invalidate();
    }

    void forEachChunk(BiConsumer<Long, Chunk> each) {
        chunks.forEach(each);
    }

    /** Removes chunk {@code c} at {@code index} if it is still the one cached there. */
    void evict(long index, Chunk c) {
        if (chunks.remove(index, c)) {
            cache.account(-c.markRemoved());
        }
    }

    int cachedChunks() {
        return chunks.size();
    }
}
