package dev.cairn.fs.gofer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.StatFs;
import dev.cairn.vfs.Task;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 9p client filesystem through a real VFS, against the gofer server, in both cache modes. */
@Timeout(60)
class NinePFilesystemTest {
    @TempDir
    Path host;

    static void assertErrno(Errno errno, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ErrnoException.class)
                .satisfies(e -> assertThat(((ErrnoException) e).errno()).as(e.getMessage()).isEqualTo(errno));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fscache", "remote_revalidating"})
    void filesMadeThroughTheMountAreOnTheHostAndBack(String cache) throws Exception {
        Files.writeString(host.resolve("from-host"), "host data");
        try (Mounted m = new Mounted(host, cache, false)) {
            Task t = m.task;
            assertThat(new String(t.readFile("/from-host"), StandardCharsets.UTF_8)).isEqualTo("host data");
            t.mkdir("/dir", 0750);
            t.writeFile("/dir/new", utf8("via 9p"));
            assertThat(Files.readString(host.resolve("dir/new"))).isEqualTo("via 9p");
            assertThat(t.stat("/dir/new").size()).isEqualTo(6);
            assertThat(t.stat("/dir").permissions()).isEqualTo(0750 & ~022);
            t.rename("/dir/new", "/dir/renamed");
            assertThat(Files.exists(host.resolve("dir/renamed"))).isTrue();
            t.symlink("renamed", "/dir/ln");
            assertThat(t.readlink("/dir/ln")).isEqualTo("renamed");
            assertThat(new String(t.readFile("/dir/ln"), StandardCharsets.UTF_8)).isEqualTo("via 9p");
            t.link("/dir/renamed", "/hard");
            assertThat(t.stat("/hard").nlink()).isEqualTo(2);
            t.chmod("/hard", 0600);
            assertThat(t.stat("/dir/renamed").permissions()).isEqualTo(0600);
            t.truncate("/hard", 3);
            assertThat(Files.readString(host.resolve("dir/renamed"))).isEqualTo("via");
            assertThat(t.listDir("/dir")).containsExactlyInAnyOrder("renamed", "ln");
            assertErrno(Errno.ENOTEMPTY, () -> t.rmdir("/dir"));
            t.unlink("/dir/ln");
            t.unlink("/dir/renamed");
            t.rmdir("/dir");
            assertThat(Files.exists(host.resolve("dir"))).isFalse();
            assertErrno(Errno.ENOENT, () -> t.stat("/dir"));
            StatFs fs = t.statfs("/");
            assertThat(fs.nameMax()).isEqualTo(255);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fscache", "remote_revalidating"})
    void largeFilesAndOffsetsSurviveChunking(String cache) throws Exception {
        byte[] data = new byte[3 * (1 << 20) + 12345];
        new Random(7).nextBytes(data);
        try (Mounted m = new Mounted(host, cache, false)) {
            Task t = m.task;
            t.writeFile("/big", data);
            assertThat(Files.readAllBytes(host.resolve("big"))).isEqualTo(data);
            assertThat(t.readFile("/big")).isEqualTo(data);
            int fd = t.open("/big", OpenFlags.O_RDWR);
            ByteBuffer b = ByteBuffer.allocate(10);
            assertThat(t.pread(fd, b, data.length - 4)).isEqualTo(4);
            t.pwrite(fd, ByteBuffer.wrap(utf8("XY")), 1);
            t.close(fd);
            assertThat(Files.readAllBytes(host.resolve("big"))[1]).isEqualTo((byte) 'X');
            int ap = t.open("/big", OpenFlags.O_WRONLY | OpenFlags.O_APPEND);
            t.write(ap, ByteBuffer.wrap(utf8("END")));
            t.close(ap);
            assertThat(Files.size(host.resolve("big"))).isEqualTo(data.length + 3L);
        }
    }

    @org.junit.jupiter.api.Test
    void aSharedMountSeesChangesMadeOnTheHost() throws Exception {
        Files.writeString(host.resolve("f"), "one");
        try (Mounted m = new Mounted(host, "remote_revalidating", false)) {
            Task t = m.task;
            assertThat(t.stat("/f").size()).isEqualTo(3);
            assertThat(t.listDir("/")).containsExactly("f");
            Files.writeString(host.resolve("f"), "three");
            Files.writeString(host.resolve("g"), "new");
            assertThat(t.stat("/f").size()).isEqualTo(5);
            assertThat(new String(t.readFile("/f"), StandardCharsets.UTF_8)).isEqualTo("three");
            assertThat(t.listDir("/")).containsExactlyInAnyOrder("f", "g");
            assertThat(new String(t.readFile("/g"), StandardCharsets.UTF_8)).isEqualTo("new");
            Files.delete(host.resolve("g"));
            assertErrno(Errno.ENOENT, () -> t.stat("/g"));
            Files.delete(host.resolve("f"));
            Files.createDirectory(host.resolve("f"));
            assertThat(t.stat("/f").isDirectory()).isTrue();
        }
    }

    /**
     * As Linux v9fs (fs/9p/vfs_inode.c v9fs_vfs_rename: {@code if (flags) return -EINVAL;}):
     * 9P2000.L has no exchange, and it is not faked with a non-atomic sequence of renames.
     */
    @ParameterizedTest
    @ValueSource(strings = {"fscache", "remote_revalidating"})
    void renameExchangeIsEinvalAndChangesNothing(String cache) throws Exception {
        Files.writeString(host.resolve("a"), "A");
        Files.createDirectory(host.resolve("d"));
        try (Mounted m = new Mounted(host, cache, false)) {
            Task t = m.task;
            int at = dev.cairn.vfs.AtFlags.AT_FDCWD;
            assertErrno(Errno.EINVAL, () -> t.renameat2(at, "/a", at, "/d", dev.cairn.vfs.AtFlags.RENAME_EXCHANGE));
            assertThat(Files.readString(host.resolve("a"))).isEqualTo("A");
            assertThat(Files.isDirectory(host.resolve("d"))).isTrue();
            assertThat(t.stat("/a").isRegular()).isTrue();
            assertThat(t.stat("/d").isDirectory()).isTrue();
            try (var list = Files.list(host)) {
                assertThat(list.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a", "d");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void anExclusiveMountServesStatFromItsCache() throws Exception {
        Files.writeString(host.resolve("f"), "one");
        try (Mounted m = new Mounted(host, "fscache", false)) {
            Stat before = m.task.stat("/f");
            Files.writeString(host.resolve("f"), "changed behind our back");
            assertThat(m.task.stat("/f").size()).isEqualTo(before.size());
        }
    }

    @org.junit.jupiter.api.Test
    void readOnlyExportGivesErofs() throws Exception {
        Files.writeString(host.resolve("f"), "x");
        try (Mounted m = new Mounted(host, "fscache", true)) {
            assertErrno(Errno.EROFS, () -> m.task.writeFile("/f", utf8("y")));
            assertErrno(Errno.EROFS, () -> m.task.mkdir("/d", 0755));
            assertErrno(Errno.EROFS, () -> m.task.unlink("/f"));
            assertThat(Files.readString(host.resolve("f"))).isEqualTo("x");
            // the host refuses mkdir: the mount point is made synthetic, in the VFS only
            m.vfs.makeSyntheticMountpoint(dev.cairn.vfs.Credentials.root(), m.task.mountNamespace(), "/mnt/deep");
            assertThat(m.task.stat("/mnt/deep").isDirectory()).isTrue();
            assertThat(Files.exists(host.resolve("mnt"))).isFalse();
        }
    }

    @org.junit.jupiter.api.Test
    void whenTheServerDiesOperationsFailWithEio() throws Exception {
        Files.writeString(host.resolve("f"), "x");
        try (Mounted m = new Mounted(host, "remote_revalidating", false)) {
            assertThat(m.task.stat("/f").size()).isEqualTo(1);
            m.killServer();
            long t0 = System.nanoTime();
            assertErrno(Errno.EIO, () -> m.task.stat("/f"));
            assertErrno(Errno.EIO, () -> m.task.readFile("/f"));
            assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
        }
    }
}
