package dev.cairn.fs.gofer.p9;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads little-endian 9P fields from a frame body, checking every length against what is
 * left before it reads or allocates, so a peer's numbers never size an allocation beyond the
 * frame it already sent.
 */
final class WireReader {
    private final ByteBuffer buf;
    private final MessageType type;

    WireReader(ByteBuffer buf, MessageType type) {
        this.buf = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.type = type;
    }

    private void need(int n, String field) throws ProtocolException {
        if (buf.remaining() < n) {
            throw new ProtocolException(type, field, "truncated: need " + n + " bytes, " + buf.remaining() + " left");
        }
    }

    int u8(String field) throws ProtocolException {
        need(1, field);
        return buf.get() & 0xff;
    }

    int u16(String field) throws ProtocolException {
        need(2, field);
        return buf.getShort() & 0xffff;
    }

    int u32(String field) throws ProtocolException {
        need(4, field);
        return buf.getInt();
    }

    /** A u32 that is a count or size: must fit in a non-negative int. */
    int count(String field) throws ProtocolException {
        int v = u32(field);
        if (v < 0) {
            throw new ProtocolException(type, field, "count " + Integer.toUnsignedString(v) + " too large");
        }
        return v;
    }

    long u64(String field) throws ProtocolException {
        need(8, field);
        return buf.getLong();
    }

    String string(String field) throws ProtocolException {
        int len = u16(field);
        need(len, field);
        ByteBuffer bytes = buf.slice();
        bytes.limit(len);
        buf.position(buf.position() + len);
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer cb = dec.decode(bytes);
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(type, field, "not valid UTF-8");
        }
    }

    Qid qid(String field) throws ProtocolException {
        need(13, field);
        int t = buf.get() & 0xff;
        int version = buf.getInt();
        long path = buf.getLong();
        return new Qid(t, version, path);
    }

    /** A read-only view of the next {@code n} bytes (no copy). */
    ByteBuffer bytes(int n, String field) throws ProtocolException {
        need(n, field);
        ByteBuffer view = buf.slice();
        view.limit(n);
        buf.position(buf.position() + n);
        return view.asReadOnlyBuffer();
    }

    int remaining() {
        return buf.remaining();
    }

    void end() throws ProtocolException {
        if (buf.hasRemaining()) {
            throw new ProtocolException(type, "size", buf.remaining() + " trailing bytes");
        }
    }
}
