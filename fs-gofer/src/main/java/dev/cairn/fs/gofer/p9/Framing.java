package dev.cairn.fs.gofer.p9;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Cuts a byte stream into 9P frames. The size field is checked against the negotiated
 * msize before anything is allocated, so a peer can make us allocate at most one msize.
 * Instances are used by one reading thread; {@link #setMaxFrame} may be called once the
 * version exchange is done.
 */
public final class Framing {
    /** The msize proposed when none is configured: 1 MiB. */
    public static final int DEFAULT_MSIZE = 1 << 20;
    /** The smallest msize either side accepts. */
    public static final int MIN_MSIZE = 4096;
    /** The largest msize either side accepts: 8 MiB. */
    public static final int MAX_MSIZE = 8 << 20;
    /** The protocol version string. */
    public static final String VERSION = "9P2000.L";

    private volatile int maxFrame;
    private final ByteBuffer sizeBuf = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);

    public Framing(int maxFrame) {
        this.maxFrame = checkMsize(maxFrame);
    }

    public void setMaxFrame(int maxFrame) {
        this.maxFrame = checkMsize(maxFrame);
    }

    public int maxFrame() {
        return maxFrame;
    }

    private static int checkMsize(int m) {
        if (m < MIN_MSIZE || m > MAX_MSIZE) {
            throw new IllegalArgumentException("msize " + m + " outside [" + MIN_MSIZE + ", " + MAX_MSIZE + "]");
        }
        return m;
    }

    /**
     * Reads one frame.
     *
     * @return the frame, or null at a clean end of stream between frames
     * @throws ProtocolException for a size outside [7, msize] or a malformed body
     * @throws IOException       when the stream fails or ends inside a frame
     */
    public Frame read(ReadableByteChannel in) throws IOException, ProtocolException {
        sizeBuf.clear();
        if (!fill(in, sizeBuf, true)) {
            return null;
        }
        long size = Integer.toUnsignedLong(sizeBuf.getInt(0));
        if (size < Codec.HEADER || size > maxFrame) {
            throw new ProtocolException(null, "size", "frame size " + size + " outside [" + Codec.HEADER + ", "
                    + maxFrame + "]");
        }
        ByteBuffer body = ByteBuffer.allocate((int) size - 4).order(ByteOrder.LITTLE_ENDIAN);
        fill(in, body, false);
        body.flip();
        return Codec.decodeBody(body);
    }

    /**
     * Reads until {@code buf} is full.
     *
     * @return false at a clean end of stream before the first byte when {@code eofOkAtStart}
     * @throws EOFException when the stream ends part-way
     */
    public static boolean fill(ReadableByteChannel in, ByteBuffer buf, boolean eofOkAtStart) throws IOException {
        boolean started = false;
        while (buf.hasRemaining()) {
            int n = in.read(buf);
            if (n < 0) {
                if (!started && eofOkAtStart) {
                    return false;
                }
                throw new EOFException("9P stream ended inside a frame");
            }
            started |= n > 0;
        }
        return true;
    }

    /** Writes a whole encoded frame. Callers serialise writers. */
    public static void write(WritableByteChannel out, ByteBuffer frame) throws IOException {
        ByteBuffer b = frame.duplicate();
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /** The msize both sides can use: the smaller proposal, or an error below the minimum. */
    public static int negotiate(int proposed, int ours) throws ProtocolException {
        long p = Integer.toUnsignedLong(proposed);
        if (p < MIN_MSIZE) {
            throw new ProtocolException(MessageType.TVERSION, "msize", "msize " + p + " below " + MIN_MSIZE);
        }
        return (int) Math.min(p, ours);
    }
}
