package dev.cairn.fs.gofer.client;

import dev.cairn.fs.gofer.p9.Message;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
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
 * ({@link FileData}), which fills itself with {@link #readDirect}; writes go to the server
 * first and then update the cache (write-through). With {@code remote_revalidating} both go
 * straight to the server. Server I/O is in chunks of the session's I/O unit; a large read
 * keeps up to {@link #PIPELINE} Treads in flight at consecutive offsets, so sequential
 * throughput does not wait a round trip per chunk. Thread-safe: no state besides the fid.
 */
final class P9OpenFile implements OpenFile {
    private static final int PIPELINE = 4;
    /** Reads at least this large are split across two requests served in parallel. */
    private static final int PARALLEL_MIN = 256 * 1024;

    private final P9RegularFile node;
    private final int fid;
    private final P9Client client;
    /** The host fd the gofer donated for this open, or null: then data goes over 9P. */
    private final DonatedFile donated;

    P9OpenFile(P9RegularFile node, int fid, DonatedFile donated) {
        this.node = node;
        this.fid = fid;
        this.client = node.fs.client;
        this.donated = donated;
    }

    /** True when file data moves through a donated host fd rather than Tread/Twrite. */
    boolean usesDonatedFd() {
        return donated != null;
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
    private int readChunks(ByteBuffer[] sinks, long offset) throws ErrnoException {
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
        ByteBuffer written = src.duplicate();
        boolean done = false;
        try {
            int n = writeDirect(src, offset);
            // looked up after the server wrote: a table entry made since then holds new data only
            FileData data = node.data();
            if (data != null) {
                written.limit(written.position() + n);
                data.written(offset, written);
            }
            done = true;
            return n;
        } finally {
            FileData data = done ? null : node.data();
            if (data != null) {
                data.invalidate(); // how much reached the server is not known
            }
        }
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

    /** The server's fd was opened with O_APPEND: every write lands at its end of file, atomically. */
    @Override
    public long append(ByteBuffer src, Node n) throws ErrnoException {
        try {
            writeDirect(src, 0);
            return node.fetch().size();
        } finally {
            FileData data = node.data();
            if (data != null) {
                data.invalidate(); // where the server put the bytes is only known by its size
            }
        }
    }

    @Override
    public void sync(boolean dataOnly) throws ErrnoException {
        if (donated != null) {
            donated.sync(dataOnly);
            return;
        }
        client.call(new Tfsync(fid, dataOnly ? 1 : 0), Rfsync.class, "fsync " + node.path);
    }

    @Override
    public void close() {
        if (donated != null) {
            donated.close();
        }
        P9Filesystem.clunkAsync(client, fid);
    }
}
