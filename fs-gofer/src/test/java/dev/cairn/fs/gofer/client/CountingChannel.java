package dev.cairn.fs.gofer.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/** The client's side of a connection, counting the Tread, Twrite and Tfsync frames the client sends through it. */
final class CountingChannel implements ByteChannel {
    private static final int TREAD = 116;
    private static final int TWRITE = 118;
    private static final int TFSYNC = 50;
    private final ByteChannel inner;
    private final AtomicLong treads = new AtomicLong();
    private final AtomicLong twrites = new AtomicLong();
    private final AtomicLong tfsyncs = new AtomicLong();
    /** Parser state over the outgoing byte stream: header bytes seen, and bytes left to skip. */
    private final byte[] header = new byte[5];
    private int headerSeen;
    private long skip;

    CountingChannel(ByteChannel inner) {
        this.inner = inner;
    }

    long treads() {
        return treads.get();
    }

    long twrites() {
        return twrites.get();
    }

    long tfsyncs() {
        return tfsyncs.get();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return inner.read(dst);
    }

    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        ByteBuffer seen = src.duplicate();
        int n = inner.write(src);
        seen.limit(seen.position() + n);
        while (seen.hasRemaining()) {
            if (skip > 0) {
                int k = (int) Math.min(skip, seen.remaining());
                seen.position(seen.position() + k);
                skip -= k;
                continue;
            }
            header[headerSeen++] = seen.get();
            if (headerSeen == 5) {
                long size = (header[0] & 0xFFL) | (header[1] & 0xFFL) << 8 | (header[2] & 0xFFL) << 16
                        | (header[3] & 0xFFL) << 24;
                int type = header[4] & 0xFF;
                if (type == TREAD) {
                    treads.incrementAndGet();
                } else if (type == TWRITE) {
                    twrites.incrementAndGet();
                } else if (type == TFSYNC) {
                    tfsyncs.incrementAndGet();
                }
                skip = size - 5;
                headerSeen = 0;
            }
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
