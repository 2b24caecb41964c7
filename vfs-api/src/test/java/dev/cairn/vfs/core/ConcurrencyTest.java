package dev.cairn.vfs.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Task;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest extends VfsTestBase {
    @Test
    void twoThreadsCreateStatRenameAndUnlinkWithoutLosingEntries() throws Exception {
        root.mkdir("/a", 0777);
        root.mkdir("/b", 0777);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int id = t;
                results.add(pool.submit(() -> work(vfs.newTask(Credentials.root(), ns), id)));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(2000);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(root.listDir("/a")).hasSize(200);
        assertThat(root.listDir("/b")).hasSize(200);
        assertThat(root.listDir("/a")).allMatch(n -> n.startsWith("keep"));
    }

    private static int work(Task t, int id) throws ErrnoException {
        int done = 0;
        for (int i = 0; i < 2000; i++) {
            String a = "/a/t" + id + "-" + i;
            int fd = t.open(a, OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_RDWR, 0644);
            t.write(fd, ByteBuffer.wrap(new byte[] {(byte) i}));
            t.close(fd);
            if (t.stat(a).size() != 1) {
                throw Errno.EIO.exception("size");
            }
            String b = "/b/t" + id + "-" + i;
            t.rename(a, b);
            if (i % 20 == 0) {
                t.writeFile("/a/keep" + id + "-" + i, new byte[0]);
                done++;
                continue;
            }
            t.unlink(b);
            done++;
        }
        for (int i = 0; i < 2000; i += 20) {
            t.stat("/b/t" + id + "-" + i);
        }
        return done;
    }

    @Test
    void aCreateRacingRmdirOfItsDirectoryWaitsAndFails() throws Exception {
        root.mkdir("/d", 0755);
        Task creator = vfs.newTask(Credentials.root(), ns);
        CompletableFuture<String> create = new CompletableFuture<>();
        MemFs.rmdirHook = () -> {
            Thread t = new Thread(() -> {
                try {
                    creator.close(creator.open("/d/f", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644));
                    create.complete("created");
                } catch (ErrnoException e) {
                    create.complete(e.errno().name());
                }
            });
            t.start();
            try {
                create.get(300, TimeUnit.MILLISECONDS);
            } catch (Exception timeout) {
                // expected: the create waits for the directory lock rmdir holds
            }
        };
        try {
            root.rmdir("/d");
        } finally {
            MemFs.rmdirHook = null;
        }
        assertThat(create.get(10, TimeUnit.SECONDS)).isEqualTo("ENOENT");
        assertThat(MemFs.ORPHANS.get()).as("nodes created in removed directories").isZero();
    }

    @Test
    void aHugeDirectoryKeepsABoundedFileCacheAndStaysCorrect() throws Exception {
        root.mkdir("/big", 0755);
        int n = ChildTable.FILE_CACHE_LIMIT + 500;
        for (int i = 0; i < n; i++) {
            root.writeFile("/big/f" + i, new byte[i % 7]);
        }
        int fd = root.open("/big/f1", OpenFlags.O_RDONLY, 0);
        for (int i = 0; i < n; i++) {
            assertThat(root.stat("/big/f" + i).size()).isEqualTo(i % 7);
        }
        Dentry big = ((TaskImpl) root).newWalk().rootD.children.get("big");
        assertThat(big.children.sizeLocked()).isLessThanOrEqualTo(ChildTable.FILE_CACHE_LIMIT);
        root.unlink("/big/f1");
        assertThat(root.fstat(fd).nlink()).isZero();
        assertThat(root.listDir("/big")).hasSize(n - 1);
    }

    @Test
    void concurrentLookupsOfOneUncachedTreeAgree() throws Exception {
        for (int i = 0; i < 50; i++) {
            root.mkdir("/d" + i, 0755);
            root.writeFile("/d" + i + "/f", new byte[i]);
        }
        Task fresh1 = vfs.newTask(Credentials.root(), ns);
        Task fresh2 = vfs.newTask(Credentials.root(), ns);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Long> x = pool.submit(() -> sum(fresh1));
            Future<Long> y = pool.submit(() -> sum(fresh2));
            assertThat(x.get(30, TimeUnit.SECONDS)).isEqualTo(y.get(30, TimeUnit.SECONDS)).isEqualTo(1225L * 20);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long sum(Task t) throws ErrnoException {
        long s = 0;
        for (int r = 0; r < 20; r++) {
            for (int i = 0; i < 50; i++) {
                s += t.stat("/d" + i + "/f").size();
            }
        }
        return s;
    }
}
