package dev.cairn.fs.gofer.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Task;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The file-data cache of {@code cache=fscache}, and its absence with {@code remote_revalidating}. */
@Timeout(60)
class FileDataCacheTest {
    private static final int CHUNK = FileData.CHUNK;

    @TempDir
    Path host;

    private CountingChannel counter;

    private Mounted mount(String options) throws Exception {
        return new Mounted(host, options, false, c -> counter = new CountingChannel(c));
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] pread(Task t, int fd, long offset, int n) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            int k = t.pread(fd, b, offset + b.position());
            if (k <= 0) {
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

    @Test
    void aSecondReadOfAFileIsServedWithoutTheServer() throws Exception {
        byte[] data = random(3 * CHUNK + 777, 1);
        Files.write(host.resolve("f"), data);
        try (Mounted m = mount("cache=fscache")) {
            assertThat(m.task.readFile("/f")).isEqualTo(data);
            long afterFirst = counter.treads();
            assertThat(afterFirst).isPositive();
            assertThat(m.task.readFile("/f")).isEqualTo(data);
            int fd = m.task.open("/f", OpenFlags.O_RDONLY);
            assertThat(pread(m.task, fd, CHUNK - 10, 20)).isEqualTo(Arrays.copyOfRange(data, CHUNK - 10, CHUNK + 10));
            m.task.close(fd);
            assertThat(counter.treads()).isEqualTo(afterFirst);
        }
    }

    @Test
    void aSmallMsizeStillFillsWholeChunks() throws Exception {
        byte[] data = random(2 * CHUNK + 300, 9);
        Files.write(host.resolve("f"), data);
        try (Mounted m = mount("cache=fscache,msize=8192")) {
            assertThat(m.task.readFile("/f")).isEqualTo(data);
            long afterFirst = counter.treads();
            int fd = m.task.open("/f", OpenFlags.O_RDONLY);
            assertThat(pread(m.task, fd, 5, 2 * CHUNK + 1000)).isEqualTo(Arrays.copyOfRange(data, 5, data.length));
            m.task.close(fd);
            assertThat(counter.treads()).isEqualTo(afterFirst);
        }
    }

    @Test
    void sharedModeReadsTheServerEveryTimeAndSeesHostChanges() throws Exception {
        Files.write(host.resolve("f"), "old contents".getBytes());
        try (Mounted m = mount("cache=remote_revalidating")) {
            assertThat(new String(m.task.readFile("/f"))).isEqualTo("old contents");
            long afterFirst = counter.treads();
            Files.write(host.resolve("f"), "new contents".getBytes());
            assertThat(new String(m.task.readFile("/f"))).isEqualTo("new contents");
            assertThat(counter.treads()).isGreaterThan(afterFirst);
        }
    }

    @Test
    void writesReachTheHostAndTheCacheAndStatShowsTheNewSize() throws Exception {
        byte[] data = random(2 * CHUNK, 2);
        Files.write(host.resolve("f"), data);
        try (Mounted m = mount("cache=fscache")) {
            Task t = m.task;
            assertThat(t.readFile("/f")).isEqualTo(data);
            int fd = t.open("/f", OpenFlags.O_RDWR);
            byte[] patch = random(CHUNK, 3);
            pwrite(t, fd, patch, CHUNK + CHUNK / 2); // overlaps the cached end and extends the file
            t.fsync(fd);
            byte[] expect = Arrays.copyOf(data, 2 * CHUNK + CHUNK / 2);
            System.arraycopy(patch, 0, expect, CHUNK + CHUNK / 2, patch.length);
            assertThat(Files.readAllBytes(host.resolve("f"))).isEqualTo(expect);
            assertThat(t.stat("/f").size()).isEqualTo(expect.length);
            assertThat(pread(t, fd, 0, expect.length + 100)).isEqualTo(expect);
            t.close(fd);
        }
    }

    @Test
    void truncationDropsCachedDataBeyondTheNewEnd() throws Exception {
        byte[] data = random(2 * CHUNK + 5, 4);
        Files.write(host.resolve("f"), data);
        try (Mounted m = mount("cache=fscache")) {
            Task t = m.task;
            assertThat(t.readFile("/f")).isEqualTo(data);
            t.truncate("/f", 100);
            assertThat(t.readFile("/f")).isEqualTo(Arrays.copyOf(data, 100));
            t.truncate("/f", CHUNK + 50); // grows with zeros
            byte[] expect = Arrays.copyOf(data, CHUNK + 50);
            Arrays.fill(expect, 100, expect.length, (byte) 0);
            assertThat(t.readFile("/f")).isEqualTo(expect);
            assertThat(Files.readAllBytes(host.resolve("f"))).isEqualTo(expect);
        }
    }

    @Test
    void appendsLandAtTheEndAndAreReadBack() throws Exception {
        Files.write(host.resolve("f"), "head".getBytes());
        try (Mounted m = mount("cache=fscache")) {
            Task t = m.task;
            assertThat(new String(t.readFile("/f"))).isEqualTo("head");
            int fd = t.open("/f", OpenFlags.O_WRONLY | OpenFlags.O_APPEND);
            t.write(fd, ByteBuffer.wrap("-tail".getBytes()));
            t.close(fd);
            assertThat(new String(t.readFile("/f"))).isEqualTo("head-tail");
            assertThat(t.stat("/f").size()).isEqualTo(9);
        }
    }

    @Test
    void sparseWritesReadAsZerosInBetween() throws Exception {
        try (Mounted m = mount("cache=fscache")) {
            Task t = m.task;
            t.writeFile("/s", "a".getBytes());
            assertThat(t.readFile("/s")).containsExactly('a');
            int fd = t.open("/s", OpenFlags.O_RDWR);
            pwrite(t, fd, "z".getBytes(), 3L * CHUNK + 3);
            byte[] got = pread(t, fd, 0, 4 * CHUNK);
            t.close(fd);
            assertThat(got).hasSize(3 * CHUNK + 4);
            assertThat(got[0]).isEqualTo((byte) 'a');
            assertThat(got[got.length - 1]).isEqualTo((byte) 'z');
            assertThat(Arrays.copyOfRange(got, 1, got.length - 1)).containsOnly((byte) 0);
        }
    }

    @Test
    void randomReadsWritesAndTruncatesUnderASmallBoundMatchAByteModel() throws Exception {
        Random r = new Random(42);
        byte[] model = random(5 * CHUNK + 99, 5);
        Files.write(host.resolve("f"), model);
        int size = model.length;
        model = Arrays.copyOf(model, 8 * CHUNK);
        try (Mounted m = mount("cache=fscache,fscache_limit=" + 2 * CHUNK)) {
            Task t = m.task;
            int fd = t.open("/f", OpenFlags.O_RDWR);
            for (int step = 0; step < 400; step++) {
                int op = r.nextInt(10);
                if (op < 5) {
                    long off = r.nextInt(7 * CHUNK);
                    int n = 1 + r.nextInt(2 * CHUNK);
                    if (r.nextBoolean()) { // whole chunks, read straight into the caller's buffer
                        off -= off % CHUNK;
                        n = CHUNK * (1 + r.nextInt(3));
                    }
                    byte[] want = off >= size ? new byte[0]
                            : Arrays.copyOfRange(model, (int) off, (int) Math.min(size, off + n));
                    assertThat(pread(t, fd, off, n)).as("step %d read %d+%d", step, off, n).isEqualTo(want);
                } else if (op < 9) {
                    int off = r.nextInt(7 * CHUNK);
                    byte[] d = random(1 + r.nextInt(Math.min(CHUNK + 1000, 8 * CHUNK - off)), step);
                    pwrite(t, fd, d, off);
                    System.arraycopy(d, 0, model, off, d.length);
                    size = Math.max(size, off + d.length);
                } else {
                    int n = r.nextInt(7 * CHUNK);
                    t.ftruncate(fd, n);
                    if (n < size) {
                        Arrays.fill(model, n, size, (byte) 0);
                    }
                    size = n;
                }
                assertThat(t.stat("/f").size()).as("step %d size", step).isEqualTo(size);
            }
            t.fsync(fd);
            t.close(fd);
            assertThat(Files.readAllBytes(host.resolve("f"))).isEqualTo(Arrays.copyOf(model, size));
            assertThat(t.readFile("/f")).isEqualTo(Arrays.copyOf(model, size));
        }
    }

    @Test
    void concurrentWritersAndReadersOfOneFileSeeTheirOwnRegions() throws Exception {
        int parts = 4;
        Files.write(host.resolve("f"), new byte[parts * CHUNK]);
        try (Mounted m = mount("cache=fscache")) {
            Task t = m.task;
            assertThat(t.readFile("/f")).hasSize(parts * CHUNK);
            int fd = t.open("/f", OpenFlags.O_RDWR);
            ExecutorService pool = Executors.newFixedThreadPool(parts);
            try {
                List<Future<?>> all = new ArrayList<>();
                for (int p = 0; p < parts; p++) {
                    int part = p;
                    all.add(pool.submit(() -> {
                        for (int round = 0; round < 20; round++) {
                            byte[] d = random(CHUNK - 1, part * 100 + round);
                            long off = (long) part * CHUNK + round % 2;
                            pwrite(t, fd, d, off);
                            assertThat(pread(t, fd, off, d.length)).isEqualTo(d);
                        }
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
        }
    }
}
