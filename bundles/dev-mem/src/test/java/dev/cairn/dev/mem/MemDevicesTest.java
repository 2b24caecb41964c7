package dev.cairn.dev.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.spi.CharDevice;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemDevicesTest {
    private Task t;

    private static Errno errnoOf(Throwable e) {
        return ((ErrnoException) e).errno();
    }

    @BeforeEach
    void sandbox() throws Exception {
        t = new MemSandbox().task;
    }

    @Test
    void theFiveDevicesHaveLinuxNumbersNamesAndModes() {
        List<String> seen = MemDevicesComponent.devices().stream()
                .map(d -> d.nodeName() + " " + d.major() + ":" + d.minor() + " " + Integer.toOctalString(d.mode()))
                .toList();
        assertThat(seen).containsExactly("null 1:3 666", "zero 1:5 666", "full 1:7 666", "random 1:8 666",
                "urandom 1:9 666");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "zero", "full", "random", "urandom"})
    void nodesAreCharacterDevicesWithMode0666(String name) throws Exception {
        Stat st = t.stat("/" + name);
        CharDevice d = MemDevicesComponent.devices().stream().filter(x -> x.nodeName().equals(name)).findFirst()
                .orElseThrow();
        assertThat(st.mode()).isEqualTo(020666);
        assertThat(st.rdevMajor()).isEqualTo(d.major());
        assertThat(st.rdevMinor()).isEqualTo(d.minor());
    }

    @Test
    void nullReadsEndOfFileAndSwallowsWrites() throws Exception {
        int fd = t.open("/null", OpenFlags.O_RDWR);
        assertThat(t.read(fd, ByteBuffer.allocate(64))).isZero();
        ByteBuffer src = ByteBuffer.wrap(new byte[1 << 20]);
        assertThat(t.write(fd, src)).isEqualTo(1 << 20);
        assertThat(t.pwrite(fd, ByteBuffer.wrap(new byte[3]), 12345)).isEqualTo(3);
        assertThat(t.lseek(fd, 0, AtFlags.SEEK_CUR)).isZero();
        t.close(fd);
    }

    @Test
    void zeroFillsWholeBuffersIncludingDirectOnes() throws Exception {
        int fd = t.open("/zero", OpenFlags.O_RDWR);
        byte[] junk = new byte[200_000];
        Arrays.fill(junk, (byte) 0x5a);
        ByteBuffer heap = ByteBuffer.wrap(junk);
        assertThat(t.read(fd, heap)).isEqualTo(junk.length);
        assertThat(junk).containsOnly(0);

        ByteBuffer direct = ByteBuffer.allocateDirect(100_000);
        while (direct.hasRemaining()) {
            direct.put((byte) 1);
        }
        direct.clear();
        assertThat(t.read(fd, direct)).isEqualTo(100_000);
        direct.flip();
        while (direct.hasRemaining()) {
            assertThat(direct.get()).isZero();
        }
        assertThat(t.write(fd, ByteBuffer.wrap(new byte[10]))).isEqualTo(10);
        t.close(fd);
    }

    @Test
    void fullReadsZerosAndRefusesEveryWriteWithEnospc() throws Exception {
        int fd = t.open("/full", OpenFlags.O_RDWR);
        ByteBuffer buf = ByteBuffer.wrap(new byte[] {9, 9, 9});
        assertThat(t.read(fd, buf)).isEqualTo(3);
        assertThat(buf.array()).containsOnly(0);

        assertThatThrownBy(() -> t.write(fd, ByteBuffer.wrap(new byte[10])))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOSPC));
        assertThatThrownBy(() -> t.write(fd, ByteBuffer.allocate(0)))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOSPC));
        assertThatThrownBy(() -> t.pwrite(fd, ByteBuffer.wrap(new byte[1]), 7))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOSPC));
        t.close(fd);
    }

    @ParameterizedTest
    @ValueSource(strings = {"random", "urandom"})
    void randomDevicesFillWholeBuffersWithFreshBytesAndDropWrites(String name) throws Exception {
        int fd = t.open("/" + name, OpenFlags.O_RDWR);
        byte[] a = new byte[300_000];
        byte[] b = new byte[300_000];
        assertThat(t.read(fd, ByteBuffer.wrap(a))).isEqualTo(a.length);
        assertThat(t.read(fd, ByteBuffer.wrap(b))).isEqualTo(b.length);

        assertThat(a).isNotEqualTo(b);
        // Every byte value shows up in 300 kB of random data (chance of a miss ≈ 256·e^-1171).
        boolean[] values = new boolean[256];
        for (byte x : a) {
            values[x & 0xff] = true;
        }
        for (boolean v : values) {
            assertThat(v).isTrue();
        }
        assertThat(t.write(fd, ByteBuffer.wrap(new byte[50]))).isEqualTo(50);
        t.close(fd);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "zero", "full", "random", "urandom"})
    void lseekAlwaysAnswersZeroAndBadWhenceIsEinval(String name) throws Exception {
        int fd = t.open("/" + name, OpenFlags.O_RDONLY);
        t.read(fd, ByteBuffer.allocate(100));

        assertThat(t.lseek(fd, 0, AtFlags.SEEK_CUR)).isZero();
        assertThat(t.lseek(fd, 10, AtFlags.SEEK_SET)).isZero();
        assertThat(t.lseek(fd, 5, AtFlags.SEEK_END)).isZero();
        assertThat(t.lseek(fd, -5, AtFlags.SEEK_SET)).isZero();
        assertThatThrownBy(() -> t.lseek(fd, 0, 9))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EINVAL));
        t.close(fd);
    }

    @Test
    void writingAReadOnlyDescriptorIsEbadf() throws Exception {
        int fd = t.open("/null", OpenFlags.O_RDONLY);

        assertThatThrownBy(() -> t.write(fd, ByteBuffer.wrap(new byte[1])))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EBADF));
        t.close(fd);
    }

    @Test
    void ioctlIsEnotty() throws Exception {
        int fd = t.open("/zero", OpenFlags.O_RDONLY);

        assertThatThrownBy(() -> t.ioctl(fd, 0x5401, ByteBuffer.allocate(64)))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOTTY));
        t.close(fd);
    }
}
