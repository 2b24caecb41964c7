package dev.cairn.fs.gofer.p9;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.fs.gofer.p9.Message.*;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodecTest {
    private static byte[] frameBytes(int tag, Message m) {
        ByteBuffer b = Codec.encode(tag, m);
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    @Test
    void everyMessageTypeHasASample() {
        assertThat(Samples.all().keySet()).containsExactlyInAnyOrder(MessageType.values());
    }

    @Test
    void everyMessageRoundTripsWithItsTag() throws Exception {
        for (Message m : Samples.all().values()) {
            byte[] bytes = frameBytes(0x1234, m);
            Frame f = Codec.decode(ByteBuffer.wrap(bytes));
            assertThat(f.tag()).as(m.type().name()).isEqualTo(0x1234);
            assertThat(f.message()).as(m.type().name()).isEqualTo(m);
            assertThat(frameBytes(0x1234, f.message())).as(m.type().name()).isEqualTo(bytes);
        }
    }

    @Test
    void headerIsLittleEndianSizeTypeTag() {
        byte[] b = frameBytes(0x0102, new Tclunk(0x0a0b0c0d));
        assertThat(b).containsExactly(11, 0, 0, 0, 120, 0x02, 0x01, 0x0d, 0x0c, 0x0b, 0x0a);
    }

    @Test
    void everyTruncationIsAProtocolError() {
        for (Message m : Samples.all().values()) {
            byte[] bytes = frameBytes(1, m);
            for (int len = 0; len < bytes.length; len++) {
                ByteBuffer prefix = ByteBuffer.wrap(bytes, 0, len).slice();
                assertThatThrownBy(() -> Codec.decode(prefix)).as(m.type() + " cut at " + len)
                        .isInstanceOf(ProtocolException.class);
                if (len >= 4) {
                    // a consistent size field but a short body
                    ByteBuffer body = ByteBuffer.wrap(bytes, 4, len - 4).slice();
                    assertThatThrownBy(() -> Codec.decodeBody(body)).as(m.type() + " body cut at " + len)
                            .isInstanceOf(ProtocolException.class);
                }
            }
        }
    }

    @Test
    void trailingBytesAreRejectedNamingTheType() {
        byte[] bytes = frameBytes(1, new Tclunk(5));
        ByteBuffer body = ByteBuffer.allocate(bytes.length - 4 + 1);
        body.put(bytes, 4, bytes.length - 4).put((byte) 0).flip();
        assertThatThrownBy(() -> Codec.decodeBody(body)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("TCLUNK").hasMessageContaining("trailing");
    }

    @Test
    void bitFlipsNeverThrowAnythingButProtocolException() {
        int decoded = 0;
        int rejected = 0;
        for (Message m : Samples.all().values()) {
            byte[] bytes = frameBytes(1, m);
            for (int bit = 0; bit < bytes.length * 8; bit++) {
                byte[] c = bytes.clone();
                c[bit / 8] ^= (byte) (1 << (bit % 8));
                try {
                    Codec.decode(ByteBuffer.wrap(c));
                    decoded++;
                } catch (ProtocolException e) {
                    rejected++;
                    assertThat(e.field()).isNotBlank();
                }
            }
        }
        assertThat(rejected).isPositive();
        assertThat(decoded).isPositive();
    }

    @Test
    void seededRandomFramesAreDecodedOrRejectedCleanly() {
        Random rnd = new Random(20261201L);
        MessageType[] types = MessageType.values();
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            int len = 3 + rnd.nextInt(i % 10 == 0 ? 400 : 40);
            ByteBuffer body = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
            byte[] junk = new byte[len];
            rnd.nextBytes(junk);
            body.put(junk).flip();
            if (rnd.nextInt(4) != 0) {
                body.put(0, (byte) types[rnd.nextInt(types.length)].wire());
            }
            try {
                Frame f = Codec.decodeBody(body);
                assertThat(f.message()).isNotNull();
            } catch (ProtocolException e) {
                rejected++;
            }
        }
        assertThat(rejected).isPositive();
    }

    @Test
    void walkWithMoreThanSixteenNamesIsRejected() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) MessageType.TWALK.wire()).putShort((short) 1).putInt(1).putInt(2).putShort((short) 17).flip();
        assertThatThrownBy(() -> Codec.decodeBody(b)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("TWALK").hasMessageContaining("nwname");
    }

    @Test
    void countLargerThanTheFrameIsRejectedWithoutAllocating() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) MessageType.RREAD.wire()).putShort((short) 1).putInt(0x7fff_fff0).flip();
        assertThatThrownBy(() -> Codec.decodeBody(b)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("RREAD").hasMessageContaining("data");
        ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        h.put((byte) MessageType.RREAD.wire()).putShort((short) 1).putInt(-1).flip();
        assertThatThrownBy(() -> Codec.decodeBody(h)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("count");
    }

    @Test
    void unknownTypeAndInvalidUtf8AreRejected() {
        ByteBuffer t = ByteBuffer.wrap(new byte[] {6, 1, 0});
        assertThatThrownBy(() -> Codec.decodeBody(t)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("unknown message type 6");
        ByteBuffer s = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        s.put((byte) MessageType.RREADLINK.wire()).putShort((short) 1).putShort((short) 2)
                .put((byte) 0xc3).put((byte) 0x28).flip();
        assertThatThrownBy(() -> Codec.decodeBody(s)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("UTF-8").hasMessageContaining("target");
    }

    @Test
    void rdevEncodingMatchesGlibcMakedev() {
        long dev = Attr.makedev(136, 300);
        Attr a = new Attr(0, Samples.FILE, 0, 0, 0, 0, dev, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(a.rdevMajor()).isEqualTo(136);
        assertThat(a.rdevMinor()).isEqualTo(300);
        assertThat(Attr.makedev(1, 3)).isEqualTo(0x103L);
        assertThat(Attr.makedev(4096, 0)).isEqualTo(4096L << 32);
    }

    @Test
    void readdirSampleSizesAddUp() {
        Rreaddir r = (Rreaddir) Samples.all().get(MessageType.RREADDIR);
        int sum = r.entries().stream().mapToInt(Codec::direntSize).sum();
        assertThat(Codec.encode(1, r).remaining()).isEqualTo(Codec.HEADER + 4 + sum);
    }
}
