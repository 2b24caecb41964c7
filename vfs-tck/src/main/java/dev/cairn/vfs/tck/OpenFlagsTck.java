package dev.cairn.vfs.tck;

import static dev.cairn.vfs.OpenFlags.O_APPEND;
import static dev.cairn.vfs.OpenFlags.O_CREAT;
import static dev.cairn.vfs.OpenFlags.O_PATH;
import static dev.cairn.vfs.OpenFlags.O_RDONLY;
import static dev.cairn.vfs.OpenFlags.O_RDWR;
import static dev.cairn.vfs.OpenFlags.O_WRONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.OpenFlags;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** open(2) flags: the oracle rows, plus fd-table behaviour (dup, F_GETFL, lowest free fd). */
public abstract class OpenFlagsTck extends TckSuite {
    @TestFactory
    Stream<DynamicTest> openFlagsAsOnLinux() {
        return oracleRows("open");
    }

    @Test
    void fileFlagsReportTheAccessModeAndStatusFlags() throws Exception {
        int fd = root.open("/f", O_RDWR | O_CREAT | O_APPEND, 0644);
        int flags = root.fileFlags(fd);
        assertThat(flags & OpenFlags.O_ACCMODE).isEqualTo(O_RDWR);
        assertThat(flags & O_APPEND).isEqualTo(O_APPEND);
        assertThat(flags & O_CREAT).as("O_CREAT is not a status flag").isZero();
    }

    @Test
    void dupSharesTheOffset() throws Exception {
        put(root, "/f", "abcdef");
        int fd = root.open("/f", O_RDONLY, 0);
        int copy = root.dup(fd);
        assertThat(read(root, fd, 2)).isEqualTo("ab");
        assertThat(read(root, copy, 2)).isEqualTo("cd");
        assertThat(root.lseek(fd, 0, AtFlags.SEEK_CUR)).isEqualTo(4);
    }

    @Test
    void separateOpensHaveSeparateOffsets() throws Exception {
        put(root, "/f", "abcdef");
        int a = root.open("/f", O_RDONLY, 0);
        int b = root.open("/f", O_RDONLY, 0);
        assertThat(read(root, a, 3)).isEqualTo("abc");
        assertThat(read(root, b, 3)).isEqualTo("abc");
    }

    @Test
    void theLowestFreeFdIsReused() throws Exception {
        put(root, "/f", "x");
        int a = root.open("/f", O_RDONLY, 0);
        int b = root.open("/f", O_RDONLY, 0);
        root.close(a);
        assertThat(root.open("/f", O_RDONLY, 0)).isEqualTo(a);
        assertThat(b).isGreaterThan(a);
    }

    @Test
    void closedAndUnknownFdsAreBad() throws Exception {
        put(root, "/f", "x");
        int fd = root.open("/f", O_RDONLY, 0);
        root.close(fd);
        assertErrno(Errno.EBADF, () -> root.close(fd));
        assertErrno(Errno.EBADF, () -> root.fstat(fd));
        assertErrno(Errno.EBADF, () -> root.read(-1, buf("x")));
    }

    @Test
    void dup2OntoAnOpenFdClosesIt() throws Exception {
        put(root, "/a", "A");
        put(root, "/b", "B");
        int a = root.open("/a", O_RDONLY, 0);
        int b = root.open("/b", O_RDONLY, 0);
        assertThat(root.dup2(a, b)).isEqualTo(b);
        assertThat(read(root, b, 1)).isEqualTo("A");
    }

    @Test
    void anOPathFdServesAsADirectoryFd() throws Exception {
        root.mkdir("/d", 0755);
        put(root, "/d/f", "x");
        int dfd = root.open("/d", O_PATH, 0);
        assertThat(root.fstatat(dfd, "f", 0).size()).isEqualTo(1);
        assertErrno(Errno.EBADF, () -> root.getdents(dfd, 10));
    }

    @Test
    void fdPathNamesTheOpenedFile() throws Exception {
        root.mkdir("/d", 0755);
        int fd = root.open("/d/f", O_WRONLY | O_CREAT, 0644);
        assertThat(root.fdPath(fd)).isEqualTo("/d/f");
    }

    @Test
    void concurrentExclusiveCreatesHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 20; round++) {
            String name = "/race" + round;
            java.util.concurrent.atomic.AtomicInteger wins = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger exists = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.List<Thread> threads = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                dev.cairn.vfs.Task t = task(root.credentials());
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                        t.close(t.open(name, O_WRONLY | O_CREAT | OpenFlags.O_EXCL, 0644));
                        wins.incrementAndGet();
                    } catch (dev.cairn.vfs.ErrnoException e) {
                        if (e.errno() == Errno.EEXIST) {
                            exists.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                th.start();
                threads.add(th);
            }
            go.countDown();
            for (Thread th : threads) {
                th.join(CASE_TIMEOUT.toMillis());
            }
            assertThat(wins.get()).as("round %d winners", round).isEqualTo(1);
            assertThat(exists.get()).as("round %d losers with EEXIST", round).isEqualTo(1);
        }
    }
}
