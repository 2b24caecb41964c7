package dev.cairn.fs.devtmpfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Dirent;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.Task;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What users do in /dev: files in /dev/shm, directories, links, renames, listings. */
class DevtmpfsFilesTest {
    private DevSandbox s;
    private Task t;

    private static Errno errnoOf(Throwable e) {
        return ((ErrnoException) e).errno();
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void mountDev() throws Exception {
        s = new DevSandbox();
        s.mount("/dev");
        t = s.task;
    }

    @Test
    void shmFilesReadBackWhatWasWrittenAndAppend() throws Exception {
        int fd = t.open("/dev/shm/f", OpenFlags.O_CREAT | OpenFlags.O_RDWR | OpenFlags.O_APPEND, 0644);
        t.write(fd, bytes("hello "));
        t.write(fd, bytes("world"));
        t.close(fd);

        assertThat(new String(t.readFile("/dev/shm/f"), StandardCharsets.UTF_8)).isEqualTo("hello world");
        Stat st = t.stat("/dev/shm/f");
        assertThat(st.isRegular()).isTrue();
        assertThat(st.size()).isEqualTo(11);
        assertThat(st.permissions()).isEqualTo(0644);
        assertThat(st.blocks()).isEqualTo(8);
    }

    @Test
    void sparseFilesReadZerosInHolesAndSeekDataFindsTheData() throws Exception {
        int fd = t.open("/dev/shm/sparse", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0600);
        t.pwrite(fd, bytes("x"), 1 << 20);

        Stat st = t.fstat(fd);
        assertThat(st.size()).isEqualTo((1 << 20) + 1);
        assertThat(st.blocks()).isEqualTo(8);
        ByteBuffer hole = ByteBuffer.allocate(16);
        assertThat(t.pread(fd, hole, 4096)).isEqualTo(16);
        assertThat(hole.array()).containsOnly(0);
        assertThat(t.lseek(fd, 0, AtFlags.SEEK_DATA)).isEqualTo(1 << 20);
        assertThat(t.lseek(fd, 0, AtFlags.SEEK_HOLE)).isZero();
        assertThat(t.lseek(fd, 1 << 20, AtFlags.SEEK_HOLE)).isEqualTo((1 << 20) + 1);
        t.close(fd);
    }

    @Test
    void truncateShrinksZeroesTheTailAndExtendsWithAHole() throws Exception {
        t.writeFile("/dev/shm/t", "abcdefgh".getBytes(StandardCharsets.UTF_8));
        t.truncate("/dev/shm/t", 3);
        t.truncate("/dev/shm/t", 6);

        assertThat(t.readFile("/dev/shm/t")).containsExactly('a', 'b', 'c', 0, 0, 0);
    }

    @Test
    void anUnlinkedFileStaysReadableWhileOpen() throws Exception {
        t.writeFile("/dev/shm/gone", "still here".getBytes(StandardCharsets.UTF_8));
        int fd = t.open("/dev/shm/gone", OpenFlags.O_RDONLY);
        t.unlink("/dev/shm/gone");

        ByteBuffer buf = ByteBuffer.allocate(32);
        int n = t.read(fd, buf);
        assertThat(new String(buf.array(), 0, n, StandardCharsets.UTF_8)).isEqualTo("still here");
        assertThat(t.fstat(fd).nlink()).isZero();
        t.close(fd);
    }

    @Test
    void hardLinksShareTheInodeAndCountLinks() throws Exception {
        t.writeFile("/dev/shm/a", new byte[] {1});
        t.link("/dev/shm/a", "/dev/shm/b");

        assertThat(t.stat("/dev/shm/b").ino()).isEqualTo(t.stat("/dev/shm/a").ino());
        assertThat(t.stat("/dev/shm/a").nlink()).isEqualTo(2);
        t.unlink("/dev/shm/a");
        assertThat(t.stat("/dev/shm/b").nlink()).isEqualTo(1);
    }

    @Test
    void directoriesCountSubdirectoriesAndRefuseRemovalWhileNotEmpty() throws Exception {
        t.mkdir("/dev/d", 0750);
        t.mkdir("/dev/d/sub", 0755);
        t.writeFile("/dev/d/file", new byte[0]);

        Stat d = t.stat("/dev/d");
        assertThat(d.nlink()).isEqualTo(3);
        assertThat(d.size()).isEqualTo(80);
        assertThatThrownBy(() -> t.rmdir("/dev/d"))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOTEMPTY));
        assertThatThrownBy(() -> t.mkdir("/dev/d/sub", 0755))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EEXIST));
        t.rmdir("/dev/d/sub");
        t.unlink("/dev/d/file");
        t.rmdir("/dev/d");
        assertThat(t.listDir("/dev")).doesNotContain("d");
    }

    @Test
    void renameMovesReplacesAndExchanges() throws Exception {
        t.mkdir("/dev/x", 0755);
        t.mkdir("/dev/y", 0755);
        t.writeFile("/dev/x/one", "1".getBytes(StandardCharsets.UTF_8));
        t.writeFile("/dev/y/two", "2".getBytes(StandardCharsets.UTF_8));

        t.rename("/dev/x/one", "/dev/y/two");
        assertThat(t.readFile("/dev/y/two")).containsExactly('1');
        assertThat(t.listDir("/dev/x")).isEmpty();

        t.mkdir("/dev/x/sub", 0755);
        t.rename("/dev/x/sub", "/dev/y/sub");
        assertThat(t.stat("/dev/x").nlink()).isEqualTo(2);
        assertThat(t.stat("/dev/y").nlink()).isEqualTo(3);

        t.writeFile("/dev/x/three", "3".getBytes(StandardCharsets.UTF_8));
        t.renameat2(AtFlags.AT_FDCWD, "/dev/x/three", AtFlags.AT_FDCWD, "/dev/y/sub", 2 /* RENAME_EXCHANGE */);
        assertThat(t.stat("/dev/x/three").isDirectory()).isTrue();
        assertThat(t.readFile("/dev/y/sub")).containsExactly('3');
        assertThat(t.stat("/dev/x").nlink()).isEqualTo(3);
        assertThat(t.stat("/dev/y").nlink()).isEqualTo(2);

        assertThatThrownBy(() -> t.renameat2(AtFlags.AT_FDCWD, "/dev/y/two", AtFlags.AT_FDCWD, "/dev/y/sub",
                1 /* RENAME_NOREPLACE */)).satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EEXIST));
    }

    @Test
    void symlinksAndSpecialNodesStatRight() throws Exception {
        t.symlink("null", "/dev/mylink");
        t.mknodat(AtFlags.AT_FDCWD, "/dev/fifo", 010644, 0, 0);
        t.mknodat(AtFlags.AT_FDCWD, "/dev/blk", 060660, 8, 1);

        assertThat(t.lstat("/dev/mylink").size()).isEqualTo(4);
        assertThat(t.readlink("/dev/mylink")).isEqualTo("null");
        assertThat(t.lstat("/dev/fifo").type()).isEqualTo(dev.cairn.vfs.FileType.FIFO);
        Stat blk = t.lstat("/dev/blk");
        assertThat(blk.type()).isEqualTo(dev.cairn.vfs.FileType.BLOCK_DEVICE);
        assertThat(blk.rdevMajor()).isEqualTo(8);
        assertThat(blk.rdevMinor()).isEqualTo(1);
    }

    @Test
    void aFifoInShmCarriesBytesThroughTheCoresPipe() throws Exception {
        t.mknodat(AtFlags.AT_FDCWD, "/dev/shm/pipe", 010600, 0, 0);
        int fd = t.open("/dev/shm/pipe", OpenFlags.O_RDWR);

        assertThat(t.write(fd, bytes("through"))).isEqualTo(7);
        ByteBuffer buf = ByteBuffer.allocate(16);
        int n = t.read(fd, buf);
        assertThat(new String(buf.array(), 0, n, StandardCharsets.UTF_8)).isEqualTo("through");
        t.close(fd);
    }

    @Test
    void chmodChownAndTruncateOfADirectory() throws Exception {
        t.chmod("/dev/shm", 01777);
        t.chown("/dev/shm", 10, 20);

        Stat st = t.stat("/dev/shm");
        assertThat(st.permissions()).isEqualTo(01777);
        assertThat(st.uid()).isEqualTo(10);
        assertThat(st.gid()).isEqualTo(20);
        assertThatThrownBy(() -> t.truncate("/dev/shm", 0))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EISDIR));
    }

    @Test
    void readdirResumesCorrectlyWhileEntriesComeAndGo() throws Exception {
        for (int i = 0; i < 20; i++) {
            t.writeFile("/dev/shm/e" + i, new byte[0]);
        }
        int fd = t.open("/dev/shm", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
        List<String> seen = new ArrayList<>();
        for (Dirent d : t.getdents(fd, 7)) {
            seen.add(d.name());
        }
        t.unlink("/dev/shm/e2");
        t.unlink("/dev/shm/e10");
        t.writeFile("/dev/shm/new", new byte[0]);
        List<Dirent> batch;
        while (!(batch = t.getdents(fd, 7)).isEmpty()) {
            batch.forEach(d -> seen.add(d.name()));
        }
        t.close(fd);

        assertThat(seen).doesNotHaveDuplicates();
        for (int i = 0; i < 20; i++) {
            if (i != 10) {
                assertThat(seen).as("e" + i + " was present all along").contains("e" + i);
            }
        }
        assertThat(seen).doesNotContain("e10");
    }
}
