package dev.cairn.fs.gofer.client;

import dev.cairn.fs.gofer.p9.Message;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An open regular file. With {@code cache=fscache} reads go through the mount's data cache
 * ({@link FileData}), which fills itself with {@link #readChunks}; writes are written back:
 * they go into the cache, dirty, and this open registers itself as a {@link FileData.Backing}
 * through which the file's dirty data is flushed ({@link #writeBack}) at fsync, at this open's
 * close, before an O_APPEND write or a setattr, on eviction, past the dirty bound, and at
 * release. Appends stay write-through, and so do the writes of an open with O_SYNC/O_DSYNC
 * (written back at once, through this open). With {@code remote_revalidating} reads and writes
 * go straight to the server. Server I/O is in chunks of the session's I/O unit; a large read
 * keeps up to {@link #PIPELINE} Treads in flight at consecutive offsets, and a flush as many
 * Twrites, so sequential throughput does not wait a round trip per chunk. Thread-safe: no
 * state besides the fid and the open's flags.
 */
final class P9OpenFile implements OpenFile, FileData.Backing {
    private static final int PIPELINE = 4;
    /** Reads at least this large are split across two requests served in parallel. */
    private static final int PARALLEL_MIN = 256 * 1024;

    private final P9RegularFile node;
    private final int fid;
    private final P9Client client;
    /** The host fd the gofer donated for this open, or null: then data goes over 9P. */
    private final DonatedFile donated;
    /** Opened O_APPEND: the server appends every write, so this fid never flushes cached data. */
    private final boolean appending;
    /** Opened O_SYNC or O_DSYNC: each write is flushed before it returns. */
    private final boolean synchronous;

    /** The server's fid can read (a write-only open without it writes through, see {@link #write}). */
    private final boolean readable;

    P9OpenFile(P9RegularFile node, int fid, int flags, boolean readable, DonatedFile donated) {
        this.node = node;
        this.readable = readable;
        this.fid = fid;
        this.client = node.fs.client;
        this.donated = donated;
        this.appending = (flags & OpenFlags.O_APPEND) != 0;
        this.synchronous = (flags & (OpenFlags.O_SYNC | OpenFlags.O_DSYNC)) != 0;
    }

    /**
     * Reads straight into {@code dst}: up to {@link #PIPELINE} Treads of one I/O unit each are
     * in flight at consecutive offsets, each landing in its own slice of {@code dst}.
     */
    @Override
    public int read(ByteBuffer dst, long offset) throws ErrnoException {
        FileData data = node.data();
        return data == null ? readDirect(dst, offset) : data.read(dst, offset, this::readChunks);
    }

    /**
     * Fills the cache's chunk buffers: one Tread per chunk, all in flight at once, each landing
     * in its own buffer (or, when the session's I/O unit is smaller than a chunk, chunk after
     * chunk through {@link #readDirect}).
     */
    @Override
    public int readChunks(ByteBuffer[] sinks, long offset) throws ErrnoException {
        int total = 0;
        if (donated != null || client.ioUnit() < FileData.CHUNK) {
            for (ByteBuffer s : sinks) {
                int want = s.remaining();
                int n = readDirect(s, offset + total);
                total += n;
                if (n < want) {
                    break;
                }
            }
            return total;
        }
        String what = "read " + node.path;
        List<CompletableFuture<Message>> inFlight = new ArrayList<>();
        long at = offset;
        try {
            for (ByteBuffer s : sinks) {
                inFlight.add(client.submitRead(fid, at, s));
                at += s.remaining();
            }
            for (int i = 0; i < inFlight.size(); i++) {
                int n = await(inFlight.get(i), Rread.class, what).data().remaining();
                total += n;
                if (n < sinks[i].remaining()) {
                    drain(inFlight);
                    break;
                }
            }
        } catch (ErrnoException e) {
            client.dropSinks(List.of(sinks));
            drain(inFlight);
            throw e;
        }
        return total;
    }

    private int readDirect(ByteBuffer dst, long offset) throws ErrnoException {
        if (donated != null) {
            return donated.read(dst, offset);
        }
        int unit = client.ioUnit();
        int start = dst.position();
        int total = 0;
        String what = "read " + node.path;
        while (total < dst.limit() - start) {
            List<CompletableFuture<Message>> inFlight = new ArrayList<>();
            List<Integer> asked = new ArrayList<>();
            List<ByteBuffer> sinks = new ArrayList<>();
            int want = dst.limit() - start - total;
            // equal chunks, at least two for a large read, so the server's workers share it
            int parts = (int) Math.min(PIPELINE, Math.max(want >= PARALLEL_MIN ? 2 : 1, (want + (long) unit - 1) / unit));
            int chunk = (int) Math.min(unit, (want + (long) parts - 1) / parts);
            for (int i = 0; i < parts && (long) i * chunk < want; i++) {
                int count = (int) Math.min(chunk, want - (long) i * chunk);
                ByteBuffer sink = dst.duplicate();
                sink.position(start + total + i * chunk).limit(start + total + i * chunk + count);
                ByteBuffer into = sink.slice();
                sinks.add(into);
                inFlight.add(client.submitRead(fid, offset + total + (long) i * chunk, into));
                asked.add(count);
            }
            for (int i = 0; i < inFlight.size(); i++) {
                int n;
                try {
                    n = await(inFlight.get(i), Rread.class, what).data().remaining();
                } catch (ErrnoException e) {
                    client.dropSinks(sinks); // a late reply must never land in the caller's buffer
                    throw e;
                }
                total += n;
                if (n < asked.get(i)) {
                    drain(inFlight);
                    dst.position(start + total);
                    return total;
                }
            }
            dst.position(start + total);
        }
        return total;
    }

    private void drain(List<CompletableFuture<Message>> all) {
        for (CompletableFuture<Message> f : all) {
            try {
                f.get(NinePFilesystemType.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // the read already ended short; later chunks are not needed
            }
        }
    }

    private <T extends Message> T await(CompletableFuture<Message> f, Class<T> type, String what)
            throws ErrnoException {
        Message m;
        try {
            m = f.get(NinePFilesystemType.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errno.EINTR.exception(what);
        } catch (TimeoutException e) {
            throw Errno.EIO.exception(what + ": no answer from the 9P server");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ErrnoException ee ? ee : Errno.EIO.exception(what + ": " + e.getCause());
        }
        if (m instanceof Rlerror err) {
            throw new ErrnoException(Errno.of(err.ecode()), what);
        }
        if (!type.isInstance(m)) {
            throw Errno.EIO.exception(what + ": unexpected " + m.type());
        }
        return type.cast(m);
    }

    @Override
    public int write(ByteBuffer src, long offset) throws ErrnoException {
        FileData data = node.data();
        if (data == null) {
            return writeDirect(src, offset);
        }
        if (appending) {
            int before = src.remaining();
            append(src, node); // the server's fd appends whatever the offset
            return before - src.remaining();
        }
        if (!readable) { // cannot fill chunks around its writes: through to the server
            int before = src.remaining();
            data.throughServer(null, () -> {
                writeDirect(src, offset);
                return -1;
            });
            return before - src.remaining();
        }
        int n = data.write(src, offset, this);
        if (synchronous) {
            data.flush(this);
        }
        return n;
    }

    /**
     * The flush path: writes all of {@code src} at {@code offset} (through the donated fd, or)
     * keeping up to {@link #PIPELINE} Twrites of one I/O unit each in flight, and advances {@code src} by
     * what the server took (short only when it stopped short: a short Twrite ends the call).
     *
     * @return the bytes the server took
     */
    @Override
    public int writeBack(ByteBuffer src, long offset) throws ErrnoException {
        if (donated != null) {
            return donated.write(src, offset);
        }
        int unit = client.ioUnit();
        String what = "write " + node.path;
        int start = src.position();
        int end = src.limit();
        int done = 0;
        try {
            while (start + done < end) {
                List<CompletableFuture<Message>> inFlight = new ArrayList<>();
                List<Integer> asked = new ArrayList<>();
                int at = start + done;
                try {
                    for (int i = 0; i < PIPELINE && at < end; i++) {
                        ByteBuffer part = src.duplicate();
                        part.position(at).limit(Math.min(end, at + unit));
                        int count = part.remaining();
                        inFlight.add(client.submit(new Twrite(fid, offset + (at - start), part.slice())));
                        asked.add(count);
                        at += count;
                    }
                    for (int i = 0; i < inFlight.size(); i++) {
                        int n = await(inFlight.get(i), Rwrite.class, what).count();
                        if (n < 0 || n > asked.get(i)) {
                            throw Errno.EIO.exception(what + ": server wrote " + n + " of " + asked.get(i) + " bytes");
                        }
                        done += n;
                        if (n < asked.get(i)) {
                            return done; // the server stopped short: the caller asks again for the rest
                        }
                    }
                } finally {
                    drain(inFlight); // nothing stays in flight once this returns
                }
            }
            return done;
        } finally {
            src.position(start + done);
        }
    }

    @Override
    public long serverSize() throws ErrnoException {
        return donated != null ? donated.fstat().size() : node.fetch().size();
    }

    @Override
    public void flushed() {
        afterWrite();
    }

    @Override
    public String path() {
        return node.path;
    }

    private int writeDirect(ByteBuffer src, long offset) throws ErrnoException {
        int unit = client.ioUnit();
        int total = 0;
        try {
            if (donated != null) {
                return donated.write(src, offset);
            }
            while (src.hasRemaining()) {
                ByteBuffer chunk = src.slice();
                chunk.limit(Math.min(chunk.remaining(), unit));
                int n = client.call(new Twrite(fid, offset + total, chunk), Rwrite.class, "write " + node.path)
                        .count();
                if (n <= 0 || n > chunk.remaining()) {
                    break;
                }
                src.position(src.position() + n);
                total += n;
                if (n < chunk.remaining()) {
                    break;
                }
            }
        } finally {
            afterWrite();
        }
        if (total == 0 && src.hasRemaining()) {
            throw Errno.EIO.exception("write " + node.path + ": server wrote nothing");
        }
        return total;
    }

    /** The node's attributes after a write: from the donated fd's fstat, else fetched again later. */
    private void afterWrite() {
        if (donated != null) {
            try {
                node.refreshFrom(donated.fstat());
                return;
            } catch (ErrnoException e) {
                // fall back to asking the server next time
            }
        }
        node.invalidate();
    }

    /**
     * The server's fd was opened with O_APPEND: every write lands at its end of file, atomically.
     * With a data cache, the file's dirty data is flushed first (through another open: this one
     * appends) and its cached chunks dropped after.
     */
    @Override
    public long append(ByteBuffer src, Node n) throws ErrnoException {
        FileData data = node.data();
        if (data == null) {
            writeDirect(src, 0);
            return node.fetch().size();
        }
        return data.throughServer(null, () -> {
            writeDirect(src, 0);
            return node.fetch().size();
        });
    }

    /**
     * fsync/fdatasync: with a data cache, flushes the file's dirty data first; a failure of that
     * flush, or one kept from an earlier close or eviction (reported once), is thrown, after
     * the server's Tfsync.
     */
    @Override
    public void sync(boolean dataOnly) throws ErrnoException {
        FileData data = node.data();
        ErrnoException failure = null;
        if (data != null) {
            try {
                data.sync(appending ? null : this);
            } catch (ErrnoException e) {
                failure = e;
            }
        }
        if (donated != null) {
            donated.sync(dataOnly);
        } else {
            client.call(new Tfsync(fid, dataOnly ? 1 : 0), Rfsync.class, "fsync " + node.path);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Flushes the file's dirty data while the fid is still open (if this open wrote), then clunks. */
    @Override
    public void close() {
        FileData data = node.peekData();
        if (data != null) {
            data.closed(this);
        }
        if (donated != null) {
            donated.close();
        }
        P9Filesystem.clunkAsync(client, fid);
    }
}
