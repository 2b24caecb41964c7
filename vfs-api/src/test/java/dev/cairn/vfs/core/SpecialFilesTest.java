package dev.cairn.vfs.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.DeviceListener;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountFlags;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.spi.CharDevice;
import dev.cairn.vfs.spi.DeviceOpenContext;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SpecialFilesTest extends VfsTestBase {
    static CharDevice zero(int major, int minor, AtomicReference<DeviceOpenContext> seen) {
        return new CharDevice() {
            public int major() {
                return major;
            }

            public int minor() {
                return minor;
            }

            public String nodeName() {
                return "zero";
            }

            public OpenFile open(DeviceOpenContext ctx, int flags) {
                seen.set(ctx);
                return new OpenFile() {
                    @Override
                    public int read(ByteBuffer dst, long offset) {
                        int n = dst.remaining();
                        dst.put(new byte[n]);
                        return n;
                    }

                    @Override
                    public long seek(long current, long offset, int whence) {
                        return 0;
                    }
                };
            }
        };
    }

    @Test
    void deviceNodesOpenThroughTheRegistry() throws Exception {
        root.mknodat(AtFlags.AT_FDCWD, "/zero", 0020666, 1, 5);
        assertThat(root.stat("/zero").rdevMinor()).isEqualTo(5);
        assertErrno(Errno.ENXIO, () -> root.open("/zero", OpenFlags.O_RDONLY, 0));
        AtomicReference<DeviceOpenContext> seen = new AtomicReference<>();
        List<String> events = new ArrayList<>();
        vfs.addDeviceListener(new DeviceListener() {
            public void deviceAdded(CharDevice d) {
                events.add("+" + d.nodeName());
            }

            public void deviceRemoved(CharDevice d) {
                events.add("-" + d.nodeName());
            }
        });
        vfs.registerCharDevice(zero(1, 5, seen));
        assertErrno(Errno.EEXIST, () -> vfs.registerCharDevice(zero(1, 5, seen)));
        int fd = root.open("/zero", OpenFlags.O_RDONLY, 0);
        ByteBuffer b = ByteBuffer.allocate(8);
        b.put(0, (byte) 7);
        assertThat(root.read(fd, b)).isEqualTo(8);
        assertThat(b.get(0)).isZero();
        assertThat(root.lseek(fd, 100, AtFlags.SEEK_SET)).isZero();
        assertThat(seen.get().credentials().uid()).isZero();
        assertThat(seen.get().controllingTerminal()).isEmpty();
        OpenFile tty = new OpenFile() {
        };
        root.setControllingTerminal(tty);
        root.close(root.open("/zero", OpenFlags.O_RDONLY, 0));
        assertThat(seen.get().controllingTerminal()).containsSame(tty);
        assertThat(vfs.unregisterCharDevice(1, 5)).isTrue();
        assertThat(vfs.unregisterCharDevice(1, 5)).isFalse();
        assertThat(events).containsExactly("+zero", "-zero");
        assertErrno(Errno.ENXIO, () -> root.open("/zero", OpenFlags.O_RDONLY, 0));
    }

    @Test
    void nodevMountsRefuseDeviceNodes() throws Exception {
        vfs.registerCharDevice(zero(1, 5, new AtomicReference<>()));
        root.mkdir("/m", 0755);
        root.mount("none", "/m", MemFs.TYPE, MountFlags.MS_NODEV, "");
        root.mknodat(AtFlags.AT_FDCWD, "/m/zero", 0020666, 1, 5);
        assertErrno(Errno.EACCES, () -> root.open("/m/zero", OpenFlags.O_RDONLY, 0));
    }

    @Test
    void fifoEndsFollowLinuxOpenAndEofRules() throws Exception {
        root.mknodat(AtFlags.AT_FDCWD, "/p", 0010644, 0, 0);
        assertErrno(Errno.ENXIO, () -> root.open("/p", OpenFlags.O_WRONLY | OpenFlags.O_NONBLOCK, 0));
        int r = root.open("/p", OpenFlags.O_RDONLY | OpenFlags.O_NONBLOCK, 0);
        assertThat(root.read(r, ByteBuffer.allocate(1))).as("no writer: EOF").isZero();
        int w = root.open("/p", OpenFlags.O_WRONLY, 0);
        assertErrno(Errno.EAGAIN, () -> root.read(r, ByteBuffer.allocate(1)));
        assertThat(root.poll(r, OpenFile.POLLIN)).isZero();
        assertThat(root.poll(w, OpenFile.POLLOUT)).isEqualTo(OpenFile.POLLOUT);
        assertThat(root.write(w, ByteBuffer.wrap(bytes("hi")))).isEqualTo(2);
        assertErrno(Errno.ESPIPE, () -> root.pread(r, ByteBuffer.allocate(1), 0));
        assertErrno(Errno.ESPIPE, () -> root.pwrite(r, ByteBuffer.allocate(1), 0));
        assertThat(root.poll(r, OpenFile.POLLIN | OpenFile.POLLOUT)).isEqualTo(OpenFile.POLLIN);
        ByteBuffer b = ByteBuffer.allocate(10);
        assertThat(root.read(r, b)).isEqualTo(2);
        root.close(w);
        assertThat(root.read(r, ByteBuffer.allocate(1))).isZero();
        root.close(r);
    }

    @Test
    void blockingFifoOpenWaitsForThePeer() throws Exception {
        root.mknodat(AtFlags.AT_FDCWD, "/p", 0010666, 0, 0);
        var other = vfs.newTask(dev.cairn.vfs.Credentials.root(), ns);
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                int fd = other.open("/p", OpenFlags.O_RDONLY, 0);
                ByteBuffer b = ByteBuffer.allocate(5);
                while (b.hasRemaining() && other.read(fd, b) > 0) {
                    // keep reading until the writer is done
                }
                other.close(fd);
                return str(java.util.Arrays.copyOf(b.array(), b.position()));
            } catch (ErrnoException e) {
                return e.toString();
            }
        });
        int w = root.open("/p", OpenFlags.O_WRONLY, 0);
        root.write(w, ByteBuffer.wrap(bytes("hello")));
        root.close(w);
        assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
    }

    @Test
    void writeToAFifoWithoutReadersIsEpipe() throws Exception {
        root.mknodat(AtFlags.AT_FDCWD, "/p", 0010666, 0, 0);
        int rw = root.open("/p", OpenFlags.O_RDWR, 0);
        int w = root.open("/p", OpenFlags.O_WRONLY, 0);
        root.close(rw);
        assertErrno(Errno.EPIPE, () -> root.write(w, ByteBuffer.wrap(bytes("x"))));
    }
}
