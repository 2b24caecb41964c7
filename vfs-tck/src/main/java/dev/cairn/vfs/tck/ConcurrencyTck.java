package dev.cairn.vfs.tck;

import static dev.cairn.vfs.OpenFlags.O_CREAT;
import static dev.cairn.vfs.OpenFlags.O_RDONLY;
import static dev.cairn.vfs.OpenFlags.O_WRONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tasks working on one filesystem at once (kept short: two threads, bounded rounds). */
public abstract class ConcurrencyTck extends TckSuite {
    private <T> List<T> inParallel(List<Callable<T>> jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
        try {
            List<Future<T>> fs = new ArrayList<>();
            for (Callable<T> j : jobs) {
                fs.add(pool.submit(j));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) {
                out.add(f.get(CASE_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelCreatesInOneDirectoryAreAllThere() throws Exception {
        root.mkdir("/d", 0755);
        List<Callable<Void>> jobs = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int id = w;
            Task t = task(root.credentials());
            jobs.add(() -> {
                for (int i = 0; i < 300; i++) {
                    t.close(t.open("/d/w" + id + "-" + i, O_WRONLY | O_CREAT, 0644));
                    if (i % 3 == 0) {
                        t.mkdir("/d/dir" + id + "-" + i, 0755);
                    }
                }
                return null;
            });
        }
        inParallel(jobs);
        assertThat(root.listDir("/d")).hasSize(600 + 200).doesNotHaveDuplicates();
        assertThat(root.stat("/d").nlink()).as("2 + one per subdirectory").isEqualTo(2 + 200);
    }

    @Test
    void lookupsDuringRenamesSeeTheFileAtOneNameOrTheOther() throws Exception {
        root.mkdir("/a", 0755);
        root.mkdir("/b", 0755);
        put(root, "/a/f", "payload");
        long ino = root.stat("/a/f").ino();
        Task mover = task(root.credentials());
        Task looker = task(root.credentials());
        List<Callable<Integer>> jobs = List.of(() -> {
            for (int i = 0; i < 400; i++) {
                mover.rename(i % 2 == 0 ? "/a/f" : "/b/f", i % 2 == 0 ? "/b/f" : "/a/f");
            }
            return 0;
        }, () -> {
            int seen = 0;
            for (int i = 0; i < 800; i++) {
                for (String p : new String[] {"/a/f", "/b/f"}) {
                    try {
                        assertThat(looker.stat(p).ino()).isEqualTo(ino);
                        seen++;
                    } catch (ErrnoException e) {
                        assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                    }
                }
            }
            return seen;
        });
        inParallel(jobs);
        assertThat(cat(root, "/a/f")).isEqualTo("payload");
        assertErrno(Errno.ENOENT, () -> root.stat("/b/f"));
    }

    @Test
    void readersSeeWholeWritesOfAFileBeingRewritten() throws Exception {
        put(root, "/f", "a".repeat(4096));
        Task writer = task(root.credentials());
        Task reader = task(root.credentials());
        List<Callable<Void>> jobs = List.of(() -> {
            int fd = writer.open("/f", O_WRONLY, 0);
            for (int i = 0; i < 300; i++) {
                String c = String.valueOf((char) ('a' + i % 26));
                writer.pwrite(fd, buf(c.repeat(4096)), 0);
            }
            writer.close(fd);
            return null;
        }, () -> {
            int fd = reader.open("/f", O_RDONLY, 0);
            for (int i = 0; i < 300; i++) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4096);
                assertThat(reader.pread(fd, b, 0)).isEqualTo(4096);
                assertThat(b.array()[0]).isBetween((byte) 'a', (byte) 'z');
            }
            reader.close(fd);
            return null;
        });
        inParallel(jobs);
        assertThat(root.stat("/f").size()).isEqualTo(4096);
    }

    @Test
    void parallelLinksAndUnlinksKeepTheCountRight() throws Exception {
        assume(TckFeature.HARD_LINKS);
        put(root, "/f", "x");
        List<Callable<Void>> jobs = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int id = w;
            Task t = task(root.credentials());
            jobs.add(() -> {
                for (int i = 0; i < 200; i++) {
                    t.link("/f", "/l" + id + "-" + i);
                }
                for (int i = 0; i < 200; i += 2) {
                    t.unlink("/l" + id + "-" + i);
                }
                return null;
            });
        }
        inParallel(jobs);
        assertThat(root.stat("/f").nlink()).isEqualTo(1 + 200);
    }
}
