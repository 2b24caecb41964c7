package dev.cairn.vfs.core;

import static dev.cairn.vfs.OpenFlags.O_APPEND;
import static dev.cairn.vfs.OpenFlags.O_CREAT;
import static dev.cairn.vfs.OpenFlags.O_DIRECTORY;
import static dev.cairn.vfs.OpenFlags.O_EXCL;
import static dev.cairn.vfs.OpenFlags.O_PATH;
import static dev.cairn.vfs.OpenFlags.O_RDONLY;
import static dev.cairn.vfs.OpenFlags.O_RDWR;
import static dev.cairn.vfs.OpenFlags.O_TRUNC;
import static dev.cairn.vfs.OpenFlags.O_WRONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Dirent;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.Stat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BasicIoTest extends VfsTestBase {
    @Test
    void writeFileThenReadFileRoundTrips() throws Exception {
        root.mkdir("/etc", 0755);
        root.writeFile("/etc/hosts", bytes("127.0.0.1 localhost\n"));
        assertThat(str(root.readFile("/etc/hosts"))).isEqualTo("127.0.0.1 localhost\n");
        assertThat(root.listDir("/etc")).containsExactly("hosts");
        Stat st = root.stat("/etc/hosts");
        assertThat(st.isRegular()).isTrue();
        assertThat(st.size()).isEqualTo(20);
        assertThat(st.permissions()).isEqualTo(0644);
        assertThat(st.devMajor()).isZero();
        assertThat(st.devMinor()).isPositive();
    }

    @Test
    void readWriteAdvanceTheSharedOffsetAndPreadDoesNot() throws Exception {
        int fd = root.open("/f", O_RDWR | O_CREAT, 0644);
        assertThat(root.write(fd, ByteBuffer.wrap(bytes("hello world")))).isEqualTo(11);
        assertThat(root.lseek(fd, 0, AtFlags.SEEK_CUR)).isEqualTo(11);
        int dup = root.dup(fd);
        assertThat(root.lseek(dup, 6, AtFlags.SEEK_SET)).isEqualTo(6);
        ByteBuffer b = ByteBuffer.allocate(5);
        assertThat(root.read(fd, b)).isEqualTo(5);
        assertThat(str(b.array())).isEqualTo("world");
        ByteBuffer p = ByteBuffer.allocate(5);
        assertThat(root.pread(fd, p, 0)).isEqualTo(5);
        assertThat(str(p.array())).isEqualTo("hello");
        assertThat(root.lseek(fd, 0, AtFlags.SEEK_CUR)).isEqualTo(11);
        assertThat(root.pwrite(fd, ByteBuffer.wrap(bytes("J")), 0)).isEqualTo(1);
        assertThat(root.lseek(fd, -1, AtFlags.SEEK_END)).isEqualTo(10);
        assertErrno(Errno.EINVAL, () -> root.lseek(fd, -100, AtFlags.SEEK_CUR));
        root.close(fd);
        root.close(dup);
        assertThat(str(root.readFile("/f"))).isEqualTo("Jello world");
        assertErrno(Errno.EBADF, () -> root.close(fd));
    }

    @Test
    void oAppendWritesAtTheEnd() throws Exception {
        root.writeFile("/log", bytes("a"));
        int fd = root.open("/log", O_WRONLY | O_APPEND, 0);
        root.lseek(fd, 0, AtFlags.SEEK_SET);
        root.write(fd, ByteBuffer.wrap(bytes("b")));
        assertThat(root.lseek(fd, 0, AtFlags.SEEK_CUR)).isEqualTo(2);
        root.close(fd);
        assertThat(str(root.readFile("/log"))).isEqualTo("ab");
    }

    @Test
    void openFlagErrnosMatchLinux() throws Exception {
        root.mkdir("/d", 0755);
        root.writeFile("/f", bytes("x"));
        assertErrno(Errno.EEXIST, () -> root.open("/f", O_CREAT | O_EXCL | O_WRONLY, 0644));
        assertErrno(Errno.ENOTDIR, () -> root.open("/f", O_RDONLY | O_DIRECTORY, 0));
        assertErrno(Errno.ENOTDIR, () -> root.open("/f/", O_RDONLY, 0));
        assertErrno(Errno.EISDIR, () -> root.open("/f/", O_RDONLY | O_CREAT, 0644));
        assertErrno(Errno.EISDIR, () -> root.open("/new/", O_RDWR | O_CREAT, 0644));
        assertErrno(Errno.EISDIR, () -> root.open("/d", O_WRONLY, 0));
        assertErrno(Errno.EISDIR, () -> root.open("/d", O_RDONLY | O_TRUNC, 0));
        assertErrno(Errno.ENOENT, () -> root.open("/missing", O_RDONLY, 0));
        assertErrno(Errno.ENOENT, () -> root.open("", O_RDONLY, 0));
        assertErrno(Errno.EEXIST, () -> root.open("/", O_CREAT | O_EXCL | O_WRONLY, 0644));
        assertErrno(Errno.EISDIR, () -> root.open("/d/.", O_CREAT | O_RDONLY, 0644));
        assertErrno(Errno.ENOTDIR, () -> root.rename("/f/x", "/nope/x"));
        assertErrno(Errno.EEXIST, () -> root.link("/d", "/f"));
        assertErrno(Errno.ENOENT, () -> root.link("/d", "/nope/x"));
        assertErrno(Errno.EPERM, () -> root.link("/d", "/newlink"));
        assertErrno(Errno.EEXIST, () -> root.mknodat(dev.cairn.vfs.AtFlags.AT_FDCWD, "/f/", 0010644, 0, 0));
        assertErrno(Errno.ENOENT, () -> root.mknodat(dev.cairn.vfs.AtFlags.AT_FDCWD, "/nope/", 0010644, 0, 0));
        int d = root.open("/d", O_RDONLY, 0);
        assertErrno(Errno.EISDIR, () -> root.read(d, ByteBuffer.allocate(4)));
        int r = root.open("/f", O_RDONLY, 0);
        assertErrno(Errno.EBADF, () -> root.write(r, ByteBuffer.wrap(bytes("y"))));
        int p = root.open("/f", O_PATH, 0);
        assertErrno(Errno.EBADF, () -> root.read(p, ByteBuffer.allocate(1)));
        assertThat(root.fstat(p).size()).isEqualTo(1);
        int t = root.open("/f", O_WRONLY | O_TRUNC, 0);
        assertThat(root.fstat(t).size()).isZero();
    }

    @Test
    void getdentsListsDotEntriesFirstAndResumesFromOffsets() throws Exception {
        root.mkdir("/d", 0755);
        for (int i = 0; i < 10; i++) {
            root.writeFile("/d/f" + i, new byte[0]);
        }
        int fd = root.open("/d", O_RDONLY | O_DIRECTORY, 0);
        List<Dirent> first = root.getdents(fd, 4);
        assertThat(first).extracting(Dirent::name).containsExactly(".", "..", "f0", "f1");
        List<String> rest = new ArrayList<>();
        for (List<Dirent> b = root.getdents(fd, 3); !b.isEmpty(); b = root.getdents(fd, 3)) {
            b.forEach(e -> rest.add(e.name()));
        }
        assertThat(rest).hasSize(8);
        root.lseek(fd, first.get(2).offset(), AtFlags.SEEK_SET);
        assertThat(root.getdents(fd, 1).get(0).name()).isEqualTo("f1");
        root.lseek(fd, 0, AtFlags.SEEK_SET);
        assertThat(root.getdents(fd, 1).get(0).name()).isEqualTo(".");
        assertThat(root.listDir("/d")).hasSize(10);
    }

    @Test
    void unlinkAndRmdirFollowLinuxErrnos() throws Exception {
        root.mkdir("/d", 0755);
        root.writeFile("/d/f", bytes("x"));
        assertErrno(Errno.EISDIR, () -> root.unlink("/d"));
        assertErrno(Errno.ENOTEMPTY, () -> root.rmdir("/d"));
        assertErrno(Errno.ENOTDIR, () -> root.rmdir("/d/f"));
        assertErrno(Errno.ENOTDIR, () -> root.unlink("/d/f/"));
        assertErrno(Errno.EINVAL, () -> root.rmdir("/d/."));
        assertErrno(Errno.ENOTEMPTY, () -> root.rmdir("/d/.."));
        assertErrno(Errno.EBUSY, () -> root.rmdir("/"));
        assertErrno(Errno.EISDIR, () -> root.unlink("/d/."));
        root.unlink("/d/f");
        assertErrno(Errno.ENOENT, () -> root.stat("/d/f"));
        root.rmdir("/d");
        assertErrno(Errno.ENOENT, () -> root.lstat("/d"));
        assertErrno(Errno.EEXIST, () -> root.mkdir("/", 0755));
    }

    @Test
    void openFileKeepsUnlinkedNodeReadable() throws Exception {
        root.writeFile("/f", bytes("data"));
        int fd = root.open("/f", O_RDONLY, 0);
        root.unlink("/f");
        ByteBuffer b = ByteBuffer.allocate(4);
        assertThat(root.read(fd, b)).isEqualTo(4);
        assertThat(root.fdPath(fd)).isEqualTo("/f (deleted)");
        assertThat(root.fstat(fd).nlink()).isZero();
        root.close(fd);
    }
}
