package dev.cairn.fs.gofer.p9;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Appends little-endian 9P fields to a growing buffer. */
final class WireWriter {
    private ByteBuffer buf;

    WireWriter(int initialCapacity) {
        buf = ByteBuffer.allocate(Math.max(16, initialCapacity)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void ensure(int n) {
        if (buf.remaining() < n) {
            long want = Math.max((long) buf.capacity() * 2, (long) buf.position() + n);
            if (want > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("9P message too large");
            }
            ByteBuffer bigger = ByteBuffer.allocate((int) want).order(ByteOrder.LITTLE_ENDIAN);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }

    WireWriter u8(int v) {
        ensure(1);
        buf.put((byte) v);
        return this;
    }

    WireWriter u16(int v) {
        ensure(2);
        buf.putShort((short) v);
        return this;
    }

    WireWriter u32(int v) {
        ensure(4);
        buf.putInt(v);
        return this;
    }

    WireWriter u64(long v) {
        ensure(8);
        buf.putLong(v);
        return this;
    }

    WireWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xffff) {
            throw new IllegalArgumentException("9P string longer than 65535 bytes");
        }
        u16(b.length);
        ensure(b.length);
        buf.put(b);
        return this;
    }

    WireWriter qid(Qid q) {
        ensure(13);
        buf.put((byte) q.type());
        buf.putInt(q.version());
        buf.putLong(q.path());
        return this;
    }

    WireWriter bytes(ByteBuffer data) {
        ByteBuffer d = data.duplicate();
        ensure(d.remaining());
        buf.put(d);
        return this;
    }

    int position() {
        return buf.position();
    }

    void putU32At(int index, int v) {
        buf.putInt(index, v);
    }

    /** The written bytes, flipped for reading. */
    ByteBuffer finish() {
        buf.flip();
        return buf;
    }
}
