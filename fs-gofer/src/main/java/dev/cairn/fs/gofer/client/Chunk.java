package dev.cairn.fs.gofer.client;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cached run of one file's bytes at a {@link #SIZE}-aligned offset: {@code len} valid bytes,
 * all of them the file's current content (read from the server, or written by this client).
 * A chunk shorter than {@link #SIZE} ends at the end of file. Part of it may be <em>dirty</em>:
 * one range {@code [dirtyFrom, dirtyTo)} written here and not yet flushed to the server (the
 * union of all writes since the last flush; the valid bytes between two writes are flushed
 * again, which is harmless as they are the file's content anyway).
 *
 * <p>Every field but {@link #lastUse} is guarded by the chunk's own monitor. {@code version}
 * counts the changes, so a flush that copied the dirty bytes out can tell whether a write came
 * in while its Twrite was on the way (then the chunk stays dirty). A removed chunk takes no
 * more writes ({@link #write} returns -1 and the writer looks the chunk up again). Nothing here
 * calls out of the chunk while holding the monitor, except the mount's dirty-byte counter.
 */
final class Chunk {
    static final int SIZE = 128 * 1024;

    /** The dirty bytes of a chunk as a flush copied them ({@code bytes} start at {@code from}). */
    record Dirty(int from, byte[] bytes, long version) {
        int to() {
            return from + bytes.length;
        }
    }

    /** The mount's count of dirty bytes (all files), kept in step with every dirty range. */
    private final AtomicLong dirtyBytes;
    /** The bytes (capacity grows up to {@link #SIZE}); guarded by this. */
    private byte[] data;
    /** Valid bytes in {@code data}; guarded by this. */
    private int len;
    /** Left the file's table: takes no more writes; guarded by this. */
    private boolean removed;
    /** The dirty range {@code [dirtyFrom, dirtyTo)}, empty when equal; guarded by this. */
    private int dirtyFrom;
    private int dirtyTo;
    /** Bumped by every change of the bytes; guarded by this. */
    private long version;
    /** Last read or write (for the LRU of the page cache); racy by design. */
    volatile long lastUse = System.nanoTime();

    /** A clean chunk holding the first {@code len} bytes of {@code data}. */
    Chunk(byte[] data, int len, AtomicLong dirtyBytes) {
        this.data = data;
        this.len = len;
        this.dirtyBytes = dirtyBytes;
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

    /**
     * Writes {@code src} (all of it; it must fit the chunk) at {@code at}, zero-filling any gap
     * after the current end, and marks it dirty.
     *
     * @return the bytes the chunk's buffer grew by (for the cache's accounting), or -1 when the
     *         chunk was removed meanwhile and took nothing
     */
    synchronized long write(int at, ByteBuffer src) {
        if (removed) {
            return -1;
        }
        lastUse = System.nanoTime();
        int end = at + src.remaining();
        long grown = growLocked(end);
        if (at > len) {
            Arrays.fill(data, len, at, (byte) 0);
        }
        src.get(data, at, src.remaining());
        len = Math.max(len, end);
        int from = dirtyFrom == dirtyTo ? at : Math.min(dirtyFrom, at);
        int to = dirtyFrom == dirtyTo ? end : Math.max(dirtyTo, end);
        dirtyBytes.addAndGet((to - from) - (dirtyTo - dirtyFrom));
        dirtyFrom = from;
        dirtyTo = to;
        version++;
        return grown;
    }

    /**
     * Makes the chunk at least {@code n} bytes long with zeros (the file grew past it: the bytes
     * are a hole). Not dirty: the server reads a hole as zeros too.
     *
     * @return the bytes the chunk's buffer grew by
     */
    synchronized long extendTo(int n) {
        if (removed || n <= len) {
            return 0;
        }
        long grown = growLocked(n);
        Arrays.fill(data, len, n, (byte) 0);
        len = n;
        version++;
        return grown;
    }

    private long growLocked(int end) {
        if (end <= data.length) {
            return 0;
        }
        int cap = Math.min(SIZE, Math.max(end, data.length * 2));
        long grown = cap - data.length;
        data = Arrays.copyOf(data, cap);
        return grown;
    }

    synchronized int length() {
        return len;
    }

    synchronized boolean isDirty() {
        return dirtyFrom != dirtyTo;
    }

    /** A copy of the dirty bytes below {@code limit} (chunk-relative), or null when there are none. */
    synchronized Dirty dirty(int limit) {
        int to = Math.min(dirtyTo, limit);
        if (removed || dirtyFrom >= to) {
            return null;
        }
        return new Dirty(dirtyFrom, Arrays.copyOfRange(data, dirtyFrom, to), version);
    }

    /**
     * After the server took {@code d}: the chunk is clean up to {@code d.to()} unless it was
     * written meanwhile (then it stays dirty and the next flush sends it again).
     */
    synchronized void flushed(Dirty d) {
        if (d.version() != version || removed) {
            return;
        }
        int from = Math.max(dirtyFrom, d.to());
        int to = Math.max(from, dirtyTo);
        dirtyBytes.addAndGet((to - from) - (dirtyTo - dirtyFrom));
        dirtyFrom = from == to ? 0 : from;
        dirtyTo = from == to ? 0 : to;
    }

    /** Cuts the valid bytes to {@code n} (smaller than the current length); dirty bytes beyond are discarded. */
    synchronized void trim(int n) {
        Arrays.fill(data, n, len, (byte) 0);
        len = n;
        int to = Math.min(dirtyTo, n);
        int from = Math.min(dirtyFrom, to);
        dirtyBytes.addAndGet((to - from) - (dirtyTo - dirtyFrom));
        dirtyFrom = from == to ? 0 : from;
        dirtyTo = from == to ? 0 : to;
        version++;
    }

    /**
     * Marks the chunk gone, unless it is dirty and {@code evenDirty} is false (then nothing
     * changes). Dirty bytes of a chunk removed anyway are discarded.
     *
     * @return the buffer bytes freed (for the cache's accounting), or -1 when the chunk is kept
     */
    synchronized int markRemoved(boolean evenDirty) {
        if (removed) {
            return 0;
        }
        if (dirtyFrom != dirtyTo && !evenDirty) {
            return -1;
        }
        dirtyBytes.addAndGet(-(dirtyTo - dirtyFrom));
        dirtyFrom = 0;
        dirtyTo = 0;
        removed = true;
        return data.length;
    }
}
