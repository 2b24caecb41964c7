package dev.cairn.fs.gofer.p9;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.fs.gofer.p9.Message.*;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import org.junit.jupiter.api.Test;

class FramingTest {
    private static ReadableByteChannel stream(byte[] b) {
        return Channels.newChannel(new ByteArrayInputStream(b));
    }

    @Test
    void framesAreCutFromAStreamAndCleanEofGivesNull() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var ch = Channels.newChannel(out);
        Framing.write(ch, Codec.encode(1, new Tclunk(5)));
        Framing.write(ch, Codec.encode(2, new Rread(Samples.bytes("abc"))));
        ReadableByteChannel in = stream(out.toByteArray());
        Framing f = new Framing(Framing.DEFAULT_MSIZE);
        assertThat(f.read(in)).isEqualTo(new Frame(1, new Tclunk(5)));
        assertThat(f.read(in)).isEqualTo(new Frame(2, new Rread(Samples.bytes("abc"))));
        assertThat(f.read(in)).isNull();
    }

    @Test
    void oversizedFrameIsRejectedBeforeAllocation() {
        Framing f = new Framing(Framing.MIN_MSIZE);
        byte[] huge = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 100, 0, 0};
        assertThatThrownBy(() -> f.read(stream(huge))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("size").hasMessageContaining("4294967295");
        byte[] over = {1, 0x10, 0, 0, 100, 0, 0};
        assertThatThrownBy(() -> f.read(stream(over))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("outside");
    }

    @Test
    void frameShorterThanItsHeaderIsRejected() {
        byte[] tiny = {6, 0, 0, 0, 100, 0};
        assertThatThrownBy(() -> new Framing(Framing.DEFAULT_MSIZE).read(stream(tiny)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("size 6");
    }

    @Test
    void streamEndingInsideAFrameIsAnIoError() {
        ByteBuffer b = Codec.encode(1, new Tclunk(5));
        byte[] cut = new byte[b.remaining() - 2];
        b.get(cut);
        assertThatThrownBy(() -> new Framing(Framing.DEFAULT_MSIZE).read(stream(cut)))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> new Framing(Framing.DEFAULT_MSIZE).read(stream(new byte[] {1, 0})))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void msizeNegotiationTakesTheSmallerAndRefusesTinyOnes() throws Exception {
        assertThat(Framing.negotiate(65536, Framing.DEFAULT_MSIZE)).isEqualTo(65536);
        assertThat(Framing.negotiate(-1, Framing.DEFAULT_MSIZE)).isEqualTo(Framing.DEFAULT_MSIZE);
        assertThatThrownBy(() -> Framing.negotiate(100, Framing.DEFAULT_MSIZE))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("msize");
        assertThatThrownBy(() -> new Framing(Framing.MAX_MSIZE + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
