package dev.cairn.vfs.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.OpenFlags;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FileDescriptionTest extends VfsTestBase {
    @Test
    void truncationNeedsWriteAccessAndGoesThroughSetStat() throws Exception {
        root.chmod("/", 0777);
        root.writeFile("/f", bytes("12345"));
        root.chmod("/f", 0644);
        var u = user(1000, 1000);
        assertErrno(Errno.EACCES, () -> u.open("/f", OpenFlags.O_RDONLY | OpenFlags.O_TRUNC, 0));
        assertErrno(Errno.EACCES, () -> u.truncate("/f", 0));
        assertThat(root.stat("/f").size()).isEqualTo(5);
        int ro = root.open("/f", OpenFlags.O_RDONLY, 0);
        assertErrno(Errno.EINVAL, () -> root.ftruncate(ro, 1));
        int rw = root.open("/f", OpenFlags.O_RDWR, 0);
        root.ftruncate(rw, 2);
        assertThat(root.fstat(rw).size()).isEqualTo(2);
        root.truncate("/f", 10);
        assertThat(root.stat("/f").size()).isEqualTo(10);
        root.mkdir("/d", 0755);
        assertErrno(Errno.EISDIR, () -> root.truncate("/d", 0));
    }

    @Test
    void dup2SharesTheOffsetAndCloseOfOneKeepsTheOther() throws Exception {
        root.writeFile("/f", bytes("abcdef"));
        int fd = root.open("/f", OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0);
        assertThat(root.dup2(fd, 7)).isEqualTo(7);
        root.read(fd, ByteBuffer.allocate(2));
        root.close(fd);
        ByteBuffer b = ByteBuffer.allocate(2);
        root.read(7, b);
        assertThat(str(b.array())).isEqualTo("cd");
        assertThat(root.fileFlags(7) & OpenFlags.O_ACCMODE).isEqualTo(OpenFlags.O_RDONLY);
        assertThat(root.open("/f", OpenFlags.O_RDONLY, 0)).as("lowest free fd").isEqualTo(fd);
    }

    @Test
    void listingADirectoryUpdatesItsAtimeUnderRelatime() throws Exception {
        root.mkdir("/d", 0755);
        root.utimensat(AtFlags.AT_FDCWD, "/d", 1_000_000_000L, 2_000_000_000L, 0);
        // utimensat set ctime to now; an atime equal to it is not "recent" (Linux updates it),
        // so let the millisecond clock move on before the read that sets atime
        long ctimeMillis = System.currentTimeMillis();
        while (System.currentTimeMillis() <= ctimeMillis + 1) {
            Thread.onSpinWait();
        }
        root.listDir("/d");
        assertThat(root.stat("/d").atimeNanos()).isGreaterThan(2_000_000_000L);
        long at = root.stat("/d").atimeNanos();
        root.listDir("/d");
        assertThat(root.stat("/d").atimeNanos()).as("relatime: recent atime kept").isEqualTo(at);
    }

    @Test
    void seekDataAndHoleUseTheFileSize() throws Exception {
        root.writeFile("/f", bytes("0123456789"));
        int fd = root.open("/f", OpenFlags.O_RDONLY, 0);
        assertThat(root.lseek(fd, 3, AtFlags.SEEK_DATA)).isEqualTo(3);
        assertThat(root.lseek(fd, 3, AtFlags.SEEK_HOLE)).isEqualTo(10);
        assertErrno(Errno.ENXIO, () -> root.lseek(fd, 10, AtFlags.SEEK_DATA));
        assertThat(root.lseek(fd, 100, AtFlags.SEEK_SET)).isEqualTo(100);
        assertThat(root.read(fd, ByteBuffer.allocate(4))).isZero();
    }

    @Test
    void oPathDescriptorsAllowNoIo() throws Exception {
        root.writeFile("/f", bytes("x"));
        int p = root.open("/f", OpenFlags.O_PATH | OpenFlags.O_RDWR, 0);
        assertErrno(Errno.EBADF, () -> root.write(p, ByteBuffer.wrap(bytes("y"))));
        assertErrno(Errno.EBADF, () -> root.lseek(p, 0, AtFlags.SEEK_SET));
        assertErrno(Errno.EBADF, () -> root.fsync(p));
        assertErrno(Errno.EBADF, () -> root.ioctl(p, 0x5401, ByteBuffer.allocate(8)));
        assertThat(root.fileFlags(p) & OpenFlags.O_PATH).isNotZero();
        assertThat(root.fdPath(p)).isEqualTo("/f");
        int r = root.open("/f", OpenFlags.O_RDONLY, 0);
        assertErrno(Errno.ENOTTY, () -> root.ioctl(r, 0x5401, ByteBuffer.allocate(8)));
        assertErrno(Errno.EOPNOTSUPP, () -> root.fallocate(root.open("/f", OpenFlags.O_WRONLY, 0), 0, 0, 10));
    }
}
