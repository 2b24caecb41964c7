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
 * An open regular file: reads and writes go straight to the server (write-through), in
 * chunks of the session's I/O unit. A large read keeps up to {@link #PIPELINE} Treads in
 * flight at consecutive offsets, so sequential throughput does not wait a round trip per
 * chunk. Thread-safe: no state besides the fid.
 */
final class P9OpenFile implements OpenFile {
    private static final int PIPELINE = 4;

    private final P9RegularFile node;
    private final int fid;
    private final P9Client client;

    P9OpenFile(P9RegularFile node, int fid) {
        this.node = node;
        this.fid = fid;
        this.client = node.fs.client;
    }

    @Override
    public int read(ByteBuffer dst, long offset) throws ErrnoException {
        int unit = client.ioUnit();
        if (dst.remaining() <= unit) {
            ByteBuffer d = client.call(new Tread(fid, offset, dst.remaining()), Rread.class, "read " + node.path)
                    .data();
            int n = Math.min(d.remaining(), dst.remaining());
            d.limit(d.position() + n);
            dst.put(d);
            return n;
        }
        int total = 0;
        while (dst.hasRemaining()) {
            List<CompletableFuture<Message>> inFlight = new ArrayList<>();
            long off = offset + total;
            int want = dst.remaining();
            for (int i = 0; i < PIPELINE && (long) i * unit < want; i++) {
                int count = (int) Math.min(unit, want - (long) i * unit);
                inFlight.add(client.submit(new Tread(fid, off + (long) i * unit, count)));
            }
            for (CompletableFuture<Message> f : inFlight) {
                ByteBuffer d = await(f, Rread.class, "read " + node.path).data();
                int n = Math.min(d.remaining(), dst.remaining());
                d.limit(d.position() + n);
                dst.put(d);
                total += n;
                if (n < unit) {
                    drain(inFlight);
                    return total;
                }
            }
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
        int unit = client.ioUnit();
        int total = 0;
        try {
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
            node.invalidate();
        }
        if (total == 0 && src.hasRemaining()) {
            throw Errno.EIO.exception("write " + node.path + ": server wrote nothing");
        }
        return total;
    }

    /** The server's fd was opened with O_APPEND: every write lands at its end of file, atomically. */
    @Override
    public long append(ByteBuffer src, Node n) throws ErrnoException {
        write(src, 0);
        return node.fetch().size();
    }

    @Override
    public void sync(boolean dataOnly) throws ErrnoException {
        client.call(new Tfsync(fid, dataOnly ? 1 : 0), Rfsync.class, "fsync " + node.path);
    }

    @Override
    public void close() {
        P9Filesystem.clunkAsync(client, fid);
    }
}
