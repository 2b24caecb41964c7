package dev.cairn.fs.gofer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.Task;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Write-back of {@code cache=fscache}: what stays in the client, when it reaches the server, and errors. */
@Timeout(120)
class WriteBackTest {
    private static final int CHUNK = FileData.CHUNK;
    private static final int RW_CREATE = OpenFlags.O_RDWR | OpenFlags.O_CREAT;

    @TempDir
    Path host;

    private CountingChannel counter;

    private Mounted mount(Path dir, String options) throws Exception {
        return new Mounted(dir, options, false, c -> counter = new CountingChannel(c));
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] pread(Task t, int fd, long offset, int n) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (t.pread(fd, b, offset + b.position()) <= 0) {
                break;
            }
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    private static void pwrite(Task t, int fd, byte[] data, long offset) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            t.pwrite(fd, b, offset + b.position());
        }
    }

    private static Errno errnoOf(ThrowingCall call) {
        try {
            call.run();
        } catch (ErrnoException e) {
            return e.errno();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return null;
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void smallSequentialWritesBecomeFewLargeTwritesAtFsync() throws Exception {
        int msize = 65536;
        int ioUnit = msize - 24;
        try (Mounted m = mount(host, "cache=fscache,msize=" + msize)) {
            Task t = m.task;
            int fd = t.open("/f", RW_CREATE, 0644);
            byte[] all = random(256 * 4096, 1);
            for (int i = 0; i < 256; i++) {
                t.write(fd, ByteBuffer.wrap(all, i * 4096, 4096));
            }
            assertThat(counter.twrites()).isZero();
            t.fsync(fd);
            assertThat(counter.twrites()).isBetween(1L, (long) (all.length + ioUnit - 1) / ioUnit + 2);
            assertThat(counter.tfsyncs()).isEqualTo(1);
            assertThat(Files.readAllBytes(host.resolve("f"))).isEqualTo(all);
            long after = counter.twrites();
            t.close(fd);
            assertThat(counter.twrites()).as("close has nothing left to flush").isEqualTo(after);
        }
    }

    @Test
    void nothingReachesTheHostBeforeCloseAndEverythingAfter() throws Exception {
        byte[] old = random(3 * CHUNK, 2);
        Files.write(host.resolve("f"), old);
        try (Mounted m = mount(host, "cache=fscache")) {
            Task t = m.task;
            int fd = t.open("/f", OpenFlags.O_RDWR);
            byte[] patch = random(CHUNK, 3);
            pwrite(t, fd, patch, CHUNK / 2); // partial chunks, neither cached yet: filled around the write
            pwrite(t, fd, "tail".getBytes(), 4L * CHUNK); // beyond the end: a hole in between
            assertThat(Files.readAllBytes(host.resolve("f"))).isEqualTo(old);
            assertThat(counter.twrites()).isZero();
            t.close(fd);
            byte[] expect = Arrays.copyOf(old, 4 * CHUNK + 4);
            System.arraycopy(patch, 0, expect, CHUNK / 2, patch.length);
            System.arraycopy("tail".getBytes(), 0, expect, 4 * CHUNK, 4);
            assertThat(Files.readAllBytes(host.resolve("f"))).isEqualTo(expect);
            assertThat(t.readFile("/f")).isEqualTo(expect);
        }
    }

    @Test
    void otherOpensAndHardLinksReadUnflushedDataAndStatShowsItsSizeAndTime() throws Exception {
        Files.write(host.resolve("f"), "0123456789".getBytes());
        Files.setLastModifiedTime(host.resolve("f"), FileTime.fromMillis(1_000_000_000_000L));
        try (Mounted m = mount(host, "cache=fscache")) {
            Task t = m.task;
            t.link("/f", "/g");
            Stat before = t.stat("/f");
            long start = System.currentTimeMillis() * 1_000_000L;
            int fd = t.open("/f", OpenFlags.O_WRONLY);
            pwrite(t, fd, "ABC".getBytes(), 8); // overlaps the end and extends the file
            assertThat(new String(t.readFile("/f"))).isEqualTo("01234567ABC");
            assertThat(new String(t.readFile("/g"))).isEqualTo("01234567ABC");
            Stat st = t.stat("/g");
            assertThat(st.size()).isEqualTo(11);
            assertThat(st.mtimeNanos()).isGreaterThanOrEqualTo(start - 1_000_000_000L).isGreaterThan(before.mtimeNanos());
            assertThat(st.ctimeNanos()).isGreaterThanOrEqualTo(st.mtimeNanos());
            assertThat(Files.size(host.resolve("f"))).isEqualTo(10);
            assertThat(counter.twrites()).isZero();
            t.fsync(fd);
            assertThat(new String(Files.readAllBytes(host.resolve("g")))).isEqualTo("01234567ABC");
            assertThat(t.stat("/f").size()).isEqualTo(11);
            t.close(fd);
        }
    }

    /** A host tmpfs of 1 MiB under the temp dir, unmounted after; skipped when mounting is not allowed. */
    private Path smallTmpfs() throws Exception {
        Path dir = Files.createDirectory(host.resolve("small"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "mounting a tmpfs needs root");
        return dir;
    }

    private static void unmount(Path dir) throws Exception {
        new ProcessBuilder("umount", "-l", dir.toString()).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void fsyncReportsAFlushFailureAndTheNextFsyncOneFromClose() throws Exception {
        Path small = smallTmpfs();
        try (Mounted m = mount(small, "cache=fscache")) {
            Task t = m.task;
            int fd = t.open("/big", RW_CREATE, 0644);
            t.write(fd, ByteBuffer.wrap(random(2 << 20, 4))); // fits in the cache: no error yet
            assertThat(errnoOf(() -> t.fsync(fd))).isEqualTo(Errno.ENOSPC);
            assertThat(errnoOf(() -> t.fsync(fd))).as("reported once, the data dropped").isNull();
            t.close(fd);
            t.unlink("/big");

            int w = t.open("/other", RW_CREATE, 0644);
            int r = t.open("/other", OpenFlags.O_RDONLY);
            t.write(w, ByteBuffer.wrap(random(2 << 20, 5)));
            t.close(w); // close cannot fail: the error is kept for the file
            assertThat(errnoOf(() -> t.fsync(r))).isEqualTo(Errno.ENOSPC);
            assertThat(errnoOf(() -> t.fsync(r))).isNull();
            t.close(r);
        } finally {
            unmount(small);
        }
    }

    @Test
    void aFailedFlushAtEvictionIsReportedByTheNextFsyncAndOnePastTheDirtyBoundByTheWrite() throws Exception {
        Path small = smallTmpfs();
        try {
            Files.write(small.resolve("full"), random((1 << 20) - 4096, 14)); // the host tmpfs is now full
            try (Mounted m = mount(small, "cache=fscache,fscache_limit=" + 8 * CHUNK)) {
                Task t = m.task;
                int fd = t.open("/f", RW_CREATE, 0644);
                pwrite(t, fd, random(CHUNK, 13), 0); // dirty, below the bound (two chunks here)
                assertThat(t.readFile("/full")).hasSize((1 << 20) - 4096); // evicts the dirty chunk
                assertThat(errnoOf(() -> t.fsync(fd))).isEqualTo(Errno.ENOSPC);
                assertThat(errnoOf(() -> t.fsync(fd))).isNull();
                t.close(fd);
            }
            try (Mounted m = mount(small, "cache=fscache,fscache_limit=" + 64 * CHUNK)) {
                Task t = m.task;
                int fd = t.open("/g", RW_CREATE, 0644);
                byte[] big = random(24 * CHUNK, 16); // past the dirty bound (16 chunks), within the cache
                assertThat(errnoOf(() -> t.pwrite(fd, ByteBuffer.wrap(big), 0)))
                        .as("the write that passed the dirty bound flushed, and failed").isEqualTo(Errno.ENOSPC);
                t.close(fd);
            }
        } finally {
            unmount(small);
        }
    }

    @Test
    void releasingTheFilesystemFlushesWhatIsStillDirty() throws Exception {
        Files.write(host.resolve("f"), new byte[0]);
        var pair = dev.cairn.fs.gofer.host.SocketPair.open();
        new dev.cairn.fs.gofer.server.GoferServer(host, false).serve(pair.second());
        try {
            P9Client client = P9Client.connect(pair.first(), 1 << 20, NinePFilesystemType.TIMEOUT);
            int root = client.newFid();
            client.call(new dev.cairn.fs.gofer.p9.Message.Tattach(root, dev.cairn.fs.gofer.p9.Message.NOFID, "root",
                    "", 0), dev.cairn.fs.gofer.p9.Message.Rattach.class, "attach");
            MountConfig cfg = MountConfig.parse(dev.cairn.vfs.MountOptions.parse("trans=fd,rfdno=0,wfdno=0"));
            P9Filesystem fs = new P9Filesystem(client, root, cfg, "");
            var file = fs.root().lookup("f");
            var open = file.open(OpenFlags.O_RDWR, dev.cairn.vfs.Credentials.root());
            byte[] data = random(3 * CHUNK + 5, 15);
            open.write(ByteBuffer.wrap(data), 0);
            assertThat(Files.size(host.resolve("f"))).isZero();
            fs.release(); // an open file left: umount -l of a busy mount ends this way
            assertThat(Files.readAllBytes(host.resolve("f"))).isEqualTo(data);
        } finally {
            pair.first().close();
            pair.second().close();
        }
    }

    @Test
    void aDeadGoferFailsFsyncWithEio() throws Exception {
        try (Mounted m = mount(host, "cache=fscache")) {
            Task t = m.task;
            int fd = t.open("/f", RW_CREATE, 0644);
            t.write(fd, ByteBuffer.wrap(random(1000, 6)));
            m.killServer();
            assertThat(errnoOf(() -> t.fsync(fd))).isEqualTo(Errno.EIO);
            t.close(fd);
        }
    }

    @Test
    void truncationFlushesDirtyDataBelowTheNewSizeAndDiscardsWhatLiesBeyond() throws Exception {
        byte[] old = random(3 * CHUNK, 7);
        Files.write(host.resolve("f"), old);
        try (Mounted m = mount(host, "cache=fscache")) {
            Task t = m.task;
            int fd = t.open("/f", OpenFlags.O_RDWR);
            byte[] below = random(1000, 8);
            pwrite(t, fd, below, CHUNK / 2);
            pwrite(t, fd, random(5000, 9), 2L * CHUNK + 100); // dirty beyond the new size
            t.ftruncate(fd, 2L * CHUNK);
            byte[] expect = Arrays.copyOf(old, 2 * CHUNK);
            System.arraycopy(below, 0, expect, CHUNK / 2, below.length);
            assertThat(Files.readAllBytes(host.resolve("f"))).isEqualTo(expect);
            assertThat(t.stat("/f").size()).isEqualTo(2L * CHUNK);

            pwrite(t, fd, "x".getBytes(), 10); // dirty again, then the file grows by truncation
            t.ftruncate(fd, 3L * CHUNK);
            expect = Arrays.copyOf(expect, 3 * CHUNK);
            expect[10] = 'x';
            assertThat(Files.readAllBytes(host.resolve("f"))).isEqualTo(expect);
            assertThat(pread(t, fd, 0, 4 * CHUNK)).isEqualTo(expect);
            t.close(fd);
            assertThat(Files.readAllBytes(host.resolve("f"))).isEqualTo(expect);
        }
    }

    @Test
    void anAppendAfterUnflushedWritesLandsAfterThem() throws Exception {
        try (Mounted m = mount(host, "cache=fscache")) {
            Task t = m.task;
            int w = t.open("/f", RW_CREATE, 0644);
            pwrite(t, w, "head".getBytes(), 0);
            int a = t.open("/f", OpenFlags.O_WRONLY | OpenFlags.O_APPEND);
            t.write(a, ByteBuffer.wrap("-tail".getBytes()));
            assertThat(new String(Files.readAllBytes(host.resolve("f")))).isEqualTo("head-tail");
            pwrite(t, w, "HE".getBytes(), 0);
            t.write(a, ByteBuffer.wrap("!".getBytes()));
            assertThat(new String(t.readFile("/f"))).isEqualTo("HEad-tail!");
            assertThat(t.stat("/f").size()).isEqualTo(10);
            t.close(a);
            t.close(w);
            assertThat(new String(Files.readAllBytes(host.resolve("f")))).isEqualTo("HEad-tail!");
        }
    }

    @Test
    void evictingDirtyChunksFlushesThemFirst() throws Exception {
        byte[] other = random(8 * CHUNK, 10);
        Files.write(host.resolve("other"), other);
        try (Mounted m = mount(host, "cache=fscache,fscache_limit=" + 4 * CHUNK)) {
            Task t = m.task;
            int fd = t.open("/f", RW_CREATE, 0644);
            byte[] mine = random(CHUNK - 100, 11); // below the dirty bound (one chunk here)
            pwrite(t, fd, mine, 0);
            assertThat(counter.twrites()).isZero();
            assertThat(t.readFile("/other")).isEqualTo(other); // pushes the dirty chunk out
            assertThat(counter.twrites()).isPositive();
            assertThat(Files.readAllBytes(host.resolve("f"))).isEqualTo(mine);
            assertThat(pread(t, fd, 0, CHUNK)).isEqualTo(mine);

            byte[] big = random(16 * CHUNK + 7, 12); // four times the bound: throttled and evicted
            for (int off = 0; off < big.length; off += 10_000) {
                pwrite(t, fd, Arrays.copyOfRange(big, off, Math.min(big.length, off + 10_000)), off);
            }
            assertThat(pread(t, fd, 0, big.length + 10)).isEqualTo(big);
            t.close(fd);
            assertThat(Files.readAllBytes(host.resolve("f"))).isEqualTo(big);
        }
    }

    @Test
    void concurrentWritersAndReadersOfDisjointRangesLoseNothing() throws Exception {
        int parts = 4;
        int span = 3 * CHUNK + 1234;
        try (Mounted m = mount(host, "cache=fscache,fscache_limit=" + 6 * CHUNK)) {
            Task t = m.task;
            int fd = t.open("/f", RW_CREATE, 0644);
            byte[][] expect = new byte[parts][];
            ExecutorService pool = Executors.newFixedThreadPool(parts);
            try {
                List<Future<?>> all = new ArrayList<>();
                for (int p = 0; p < parts; p++) {
                    int part = p;
                    expect[p] = new byte[span];
                    all.add(pool.submit(() -> {
                        Random r = new Random(part);
                        long base = (long) part * span;
                        for (int round = 0; round < 60; round++) {
                            int off = r.nextInt(span - 1);
                            byte[] d = random(1 + r.nextInt(Math.min(span - off, 40_000)), part * 1000 + round);
                            pwrite(t, fd, d, base + off);
                            System.arraycopy(d, 0, expect[part], off, d.length);
                            assertThat(pread(t, fd, base + off, d.length)).isEqualTo(d);
                            if (round % 20 == 19) {
                                t.fsync(fd);
                            }
                        }
                        pwrite(t, fd, Arrays.copyOfRange(expect[part], span - 1, span), base + span - 1);
                        return null;
                    }));
                }
                for (Future<?> f : all) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            t.close(fd);
            byte[] host = Files.readAllBytes(this.host.resolve("f"));
            assertThat(host).hasSize(parts * span);
            for (int p = 0; p < parts; p++) {
                assertThat(Arrays.copyOfRange(host, p * span, (p + 1) * span)).as("part %d", p).isEqualTo(expect[p]);
            }
        }
    }

    @Test
    void anOpenWithOsyncFlushesEachWriteBeforeItReturns() throws Exception {
        try (Mounted m = mount(host, "cache=fscache")) {
            Task t = m.task;
            int fd = t.open("/f", RW_CREATE | OpenFlags.O_SYNC, 0644);
            pwrite(t, fd, "synced".getBytes(), 0);
            assertThat(new String(Files.readAllBytes(host.resolve("f")))).isEqualTo("synced");
            assertThat(counter.twrites()).isEqualTo(1);
            t.close(fd);
        }
    }

    @Test
    void sharedModeStaysWriteThrough() throws Exception {
        try (Mounted m = mount(host, "cache=remote_revalidating")) {
            Task t = m.task;
            int fd = t.open("/f", RW_CREATE, 0644);
            pwrite(t, fd, "now".getBytes(), 0);
            assertThat(new String(Files.readAllBytes(host.resolve("f")))).isEqualTo("now");
            t.close(fd);
        }
    }
}
