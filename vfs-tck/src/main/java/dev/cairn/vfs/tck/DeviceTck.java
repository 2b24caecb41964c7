package dev.cairn.vfs.tck;

import static dev.cairn.vfs.OpenFlags.O_NONBLOCK;
import static dev.cairn.vfs.OpenFlags.O_RDONLY;
import static dev.cairn.vfs.OpenFlags.O_RDWR;
import static dev.cairn.vfs.OpenFlags.O_WRONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.spi.CharDevice;
import dev.cairn.vfs.spi.DeviceOpenContext;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Special nodes stored in the filesystem under test: a device node must reach the driver
 * registered under its number, and a FIFO must connect tasks through the core's pipe.
 */
public abstract class DeviceTck extends TckSuite {
    /** A driver for the test: reads give 'z' bytes, writes are counted. */
    private static final class LetterDevice implements CharDevice {
        volatile long written;

        @Override
        public int major() {
            return 240;
        }

        @Override
        public int minor() {
            return 7;
        }

        @Override
        public String nodeName() {
            return "tck-letter";
        }

        @Override
        public OpenFile open(DeviceOpenContext context, int flags) {
            return new OpenFile() {
                @Override
                public int read(ByteBuffer dst, long offset) {
                    int n = dst.remaining();
                    while (dst.hasRemaining()) {
                        dst.put((byte) 'z');
                    }
                    return n;
                }

                @Override
                public int write(ByteBuffer src, long offset) {
                    int n = src.remaining();
                    src.position(src.limit());
                    written += n;
                    return n;
                }
            };
        }
    }

    @Test
    void aDeviceNodeOpensTheRegisteredDriver() throws Exception {
        assume(TckFeature.MKNOD);
        LetterDevice dev = new LetterDevice();
        vfs.registerCharDevice(dev);
        root.mknodat(AtFlags.AT_FDCWD, "/letters", FileType.CHAR_DEVICE.bits() | 0666, 240, 7);
        int fd = root.open("/letters", O_RDWR, 0);
        assertThat(read(root, fd, 3)).isEqualTo("zzz");
        assertThat(root.write(fd, buf("abcd"))).isEqualTo(4);
        assertThat(dev.written).isEqualTo(4);
        assertThat(root.fstat(fd).type()).isEqualTo(FileType.CHAR_DEVICE);
    }

    @Test
    void aDeviceNodeWithoutADriverIsEnxio() throws Exception {
        assume(TckFeature.MKNOD);
        root.mknodat(AtFlags.AT_FDCWD, "/c", FileType.CHAR_DEVICE.bits() | 0666, 250, 251);
        assertErrno(Errno.ENXIO, () -> root.open("/c", O_RDWR, 0));
        assertThat(root.stat("/c").rdevMajor()).isEqualTo(250);
        assertThat(root.stat("/c").rdevMinor()).isEqualTo(251);
    }

    @Test
    void aFifoConnectsAWriterTaskToABlockedReaderTask() throws Exception {
        assume(TckFeature.FIFO);
        root.mknodat(AtFlags.AT_FDCWD, "/p", FileType.FIFO.bits() | 0666, 0, 0);
        Task reader = task(root.credentials());
        Task writer = task(root.credentials());
        CompletableFuture<String> got = CompletableFuture.supplyAsync(() -> {
            try {
                int fd = reader.open("/p", O_RDONLY, 0);
                StringBuilder sb = new StringBuilder();
                ByteBuffer b = ByteBuffer.allocate(64);
                while (reader.read(fd, b.clear()) > 0) {
                    b.flip();
                    sb.append(java.nio.charset.StandardCharsets.UTF_8.decode(b));
                }
                reader.close(fd);
                return sb.toString();
            } catch (dev.cairn.vfs.ErrnoException e) {
                return e.toString();
            }
        });
        int fd = writer.open("/p", O_WRONLY, 0);
        writer.write(fd, buf("through the pipe"));
        writer.close(fd);
        assertThat(got.get(CASE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("through the pipe");
    }

    @Test
    void anEmptyFifoWithAWriterWouldBlock() throws Exception {
        assume(TckFeature.FIFO);
        root.mknodat(AtFlags.AT_FDCWD, "/p", FileType.FIFO.bits() | 0666, 0, 0);
        int r = root.open("/p", O_RDONLY | O_NONBLOCK, 0);
        int w = root.open("/p", O_WRONLY | O_NONBLOCK, 0);
        assertErrno(Errno.EAGAIN, () -> root.read(r, ByteBuffer.allocate(4)));
        root.close(w);
        assertThat(root.read(r, ByteBuffer.allocate(4))).as("EOF once the writers are gone").isZero();
    }
}
