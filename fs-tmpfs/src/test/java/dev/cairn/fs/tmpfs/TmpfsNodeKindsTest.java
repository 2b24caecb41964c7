package dev.cairn.fs.tmpfs;

import static dev.cairn.fs.tmpfs.TmpfsFixture.bytes;
import static dev.cairn.fs.tmpfs.TmpfsFixture.errno;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.spi.Node;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TmpfsNodeKindsTest {

    @Test
    void symlinkHasTargetLengthAsSizeAndMode0777() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.writeFile("/target", "T".getBytes());
        t.symlink("target", "/ln");
        Stat st = t.lstat("/ln");
        assertThat(st.isSymlink()).isTrue();
        assertThat(st.size()).isEqualTo(6);
        assertThat(st.permissions()).isEqualTo(0777);
        assertThat(t.readlink("/ln")).isEqualTo("target");
        assertThat(new String(t.readFile("/ln"))).isEqualTo("T");
    }

    @Test
    void deviceNodesKeepTheirNumbersAndUnknownDevicesAreEnxio() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.umask(0);
        t.mknodat(AtFlags.AT_FDCWD, "/c", FileType.CHAR_DEVICE.bits() | 0620, 42, 7);
        t.mknodat(AtFlags.AT_FDCWD, "/b", FileType.BLOCK_DEVICE.bits() | 0600, 8, 1);
        Stat c = t.stat("/c");
        assertThat(c.type()).isEqualTo(FileType.CHAR_DEVICE);
        assertThat(c.rdevMajor()).isEqualTo(42);
        assertThat(c.rdevMinor()).isEqualTo(7);
        assertThat(c.permissions()).isEqualTo(0620);
        assertThat(t.stat("/b").type()).isEqualTo(FileType.BLOCK_DEVICE);
        assertThat(errno(() -> t.open("/c", OpenFlags.O_RDONLY))).isEqualTo(Errno.ENXIO);
    }

    @Test
    void mknodWithoutFileTypeOrWithS_IFREGMakesARegularFile() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.mknodat(AtFlags.AT_FDCWD, "/plain", 0644, 0, 0);
        t.mknodat(AtFlags.AT_FDCWD, "/reg", FileType.REGULAR.bits() | 0600, 0, 0);
        assertThat(t.stat("/plain").type()).isEqualTo(FileType.REGULAR);
        assertThat(t.stat("/reg").type()).isEqualTo(FileType.REGULAR);
        t.writeFile("/plain", "ok".getBytes());
        assertThat(new String(t.readFile("/plain"))).isEqualTo("ok");
    }

    @Test
    void socketNodeExistsButOpenIsEnxio() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.mknodat(AtFlags.AT_FDCWD, "/sock", FileType.SOCKET.bits() | 0755, 0, 0);
        assertThat(t.stat("/sock").type()).isEqualTo(FileType.SOCKET);
        assertThat(errno(() -> t.open("/sock", OpenFlags.O_RDONLY))).isEqualTo(Errno.ENXIO);
    }

    @Test
    void fifoPassesDataBetweenReaderAndWriter() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.mknodat(AtFlags.AT_FDCWD, "/fifo", FileType.FIFO.bits() | 0644, 0, 0);
        assertThat(t.stat("/fifo").type()).isEqualTo(FileType.FIFO);
        assertThat(errno(() -> t.open("/fifo", OpenFlags.O_WRONLY | OpenFlags.O_NONBLOCK))).isEqualTo(Errno.ENXIO);
        int r = t.open("/fifo", OpenFlags.O_RDONLY | OpenFlags.O_NONBLOCK);
        assertThat(t.read(r, ByteBuffer.allocate(10))).as("no writer: EOF").isZero();
        Task writer = f.vfs.newTask(dev.cairn.vfs.Credentials.root(), f.ns);
        CompletableFuture<Integer> w = CompletableFuture.supplyAsync(() -> {
            try {
                int fd = writer.open("/fifo", OpenFlags.O_WRONLY);
                int n = writer.write(fd, bytes("through the pipe"));
                writer.close(fd);
                return n;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(w.get(10, TimeUnit.SECONDS)).isEqualTo(16);
        ByteBuffer got = ByteBuffer.allocate(64);
        t.read(r, got);
        assertThat(new String(got.array(), 0, got.position())).isEqualTo("through the pipe");
        assertThat(errno(() -> t.lseek(r, 0, AtFlags.SEEK_SET))).isEqualTo(Errno.ESPIPE);
        t.close(r);
    }

    @Test
    void fifoWriteWithoutReaderIsEpipeAndNonblockingEmptyReadIsEagain() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.mknodat(AtFlags.AT_FDCWD, "/p", FileType.FIFO.bits() | 0644, 0, 0);
        int rw = t.open("/p", OpenFlags.O_RDWR | OpenFlags.O_NONBLOCK);
        assertThat(errno(() -> t.read(rw, ByteBuffer.allocate(1)))).isEqualTo(Errno.EAGAIN);
        int w = t.open("/p", OpenFlags.O_WRONLY | OpenFlags.O_NONBLOCK);
        t.close(rw);
        assertThat(errno(() -> t.write(w, bytes("x")))).isEqualTo(Errno.EPIPE);
        t.close(w);
    }

    @Test
    void xattrsCreateReplaceListRemove() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.writeFile("/x", new byte[0]);
        t.setxattr("/x", "user.a", "1".getBytes(), 0, true);
        t.setxattr("/x", "trusted.b", "2".getBytes(), Node.XATTR_CREATE, true);
        assertThat(errno(() -> t.setxattr("/x", "user.a", "3".getBytes(), Node.XATTR_CREATE, true)))
                .isEqualTo(Errno.EEXIST);
        assertThat(errno(() -> t.setxattr("/x", "user.none", "3".getBytes(), Node.XATTR_REPLACE, true)))
                .isEqualTo(Errno.ENODATA);
        t.setxattr("/x", "user.a", "4".getBytes(), Node.XATTR_REPLACE, true);
        assertThat(new String(t.getxattr("/x", "user.a", true))).isEqualTo("4");
        assertThat(t.listxattr("/x", true)).containsExactlyInAnyOrder("user.a", "trusted.b");
        t.removexattr("/x", "user.a", true);
        assertThat(errno(() -> t.getxattr("/x", "user.a", true))).isEqualTo(Errno.ENODATA);
        assertThat(errno(() -> t.removexattr("/x", "user.a", true))).isEqualTo(Errno.ENODATA);
        assertThat(errno(() -> t.setxattr("/x", "bogus.a", "1".getBytes(), 0, true))).isEqualTo(Errno.EOPNOTSUPP);
        assertThat(errno(() -> t.setxattr("/x", "user.big", new byte[65537], 0, true))).isEqualTo(Errno.E2BIG);
    }

    @Test
    void userXattrsOnSymlinksAreRefused() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.symlink("nowhere", "/l");
        assertThat(errno(() -> t.setxattr("/l", "user.a", "1".getBytes(), 0, false))).isEqualTo(Errno.EPERM);
        t.setxattr("/l", "trusted.a", "1".getBytes(), 0, false);
        assertThat(t.listxattr("/l", false)).containsExactly("trusted.a");
    }

    @Test
    void chmodChownAndUtimensApply() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.writeFile("/m", new byte[0]);
        t.chmod("/m", 0640);
        t.chown("/m", 12, 34);
        Stat st = t.stat("/m");
        assertThat(st.permissions()).isEqualTo(0640);
        assertThat(st.isRegular()).isTrue();
        assertThat(st.uid()).isEqualTo(12);
        assertThat(st.gid()).isEqualTo(34);
        t.utimensat(AtFlags.AT_FDCWD, "/m", 5L, 6L, 0);
        assertThat(t.stat("/m").atimeNanos()).isEqualTo(5L);
        assertThat(t.stat("/m").mtimeNanos()).isEqualTo(6L);
    }
}
