package dev.cairn.vfs.tck;

import static dev.cairn.vfs.OpenFlags.O_APPEND;
import static dev.cairn.vfs.OpenFlags.O_CREAT;
import static dev.cairn.vfs.OpenFlags.O_RDONLY;
import static dev.cairn.vfs.OpenFlags.O_RDWR;
import static dev.cairn.vfs.OpenFlags.O_WRONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.Task;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** File data: the oracle rows, large and concurrent I/O, sparse accounting, unlinked files. */
public abstract class FileDataTck extends TckSuite {
    @TestFactory
    Stream<DynamicTest> fileDataAsOnLinux() {
        return oracleRows("data");
    }

    @Test
    void aMebibyteOfRandomDataReadsBackExactly() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(42).nextBytes(data);
        int fd = root.open("/big", O_RDWR | O_CREAT, 0644);
        ByteBuffer src = ByteBuffer.wrap(data);
        while (src.hasRemaining()) {
            root.write(fd, src);
        }
        assertThat(root.fstat(fd).size()).isEqualTo(data.length);
        ByteBuffer back = ByteBuffer.allocate(data.length);
        long off = 0;
        while (back.hasRemaining()) {
            int n = root.pread(fd, back, off);
            assertThat(n).isPositive();
            off += n;
        }
        assertThat(back.array()).isEqualTo(data);
    }

    @Test
    void unalignedWritesAcrossPageBoundariesKeepNeighbours() throws Exception {
        int fd = root.open("/f", O_RDWR | O_CREAT, 0644);
        byte[] ones = new byte[10000];
        java.util.Arrays.fill(ones, (byte) 1);
        root.pwrite(fd, ByteBuffer.wrap(ones), 0);
        root.pwrite(fd, buf("XYZ"), 4095);
        ByteBuffer b = ByteBuffer.allocate(5);
        root.pread(fd, b, 4094);
        assertThat(b.array()).containsExactly(1, 'X', 'Y', 'Z', 1);
    }

    @Test
    void concurrentAppendsNeverInterleaveOrOverwrite() throws Exception {
        int writers = 2;
        int perWriter = 200;
        root.close(root.open("/log", O_WRONLY | O_CREAT, 0644));
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                char letter = (char) ('a' + w);
                Task t = task(root.credentials());
                done.add(pool.submit((Callable<Void>) () -> {
                    int fd = t.open("/log", O_WRONLY | O_APPEND, 0);
                    for (int i = 0; i < perWriter; i++) {
                        t.write(fd, buf(String.valueOf(letter).repeat(16)));
                    }
                    t.close(fd);
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get(CASE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        String log = cat(root, "/log");
        assertThat(log).hasSize(writers * perWriter * 16);
        for (int i = 0; i < log.length(); i += 16) {
            assertThat(log.substring(i, i + 16).chars().distinct().count()).as("record at %d", i).isEqualTo(1);
        }
    }

    @Test
    void aSparseFileCountsOnlyWrittenBlocks() throws Exception {
        assume(TckFeature.SPARSE);
        int fd = root.open("/s", O_RDWR | O_CREAT, 0644);
        root.pwrite(fd, buf("x"), 100L << 20);
        Stat st = root.fstat(fd);
        assertThat(st.size()).isEqualTo((100L << 20) + 1);
        assertThat(st.blocks() * 512).as("allocated bytes of a 100 MiB file with one byte written")
                .isLessThanOrEqualTo(64 * 1024);
        ByteBuffer b = ByteBuffer.allocate(4);
        root.pread(fd, b, 50L << 20);
        assertThat(b.array()).containsOnly(0);
    }

    @Test
    void fallocateExtendsTheFileWithZeros() throws Exception {
        assume(TckFeature.SPARSE);
        int fd = root.open("/a", O_RDWR | O_CREAT, 0644);
        root.fallocate(fd, 0, 0, 8192);
        assertThat(root.fstat(fd).size()).isEqualTo(8192);
        root.fallocate(fd, 1, 8192, 8192);
        assertThat(root.fstat(fd).size()).as("FALLOC_FL_KEEP_SIZE").isEqualTo(8192);
        root.pwrite(fd, buf("data"), 0);
        root.fallocate(fd, 3, 0, 4096);
        ByteBuffer b = ByteBuffer.allocate(4);
        root.pread(fd, b, 0);
        assertThat(b.array()).as("a punched hole reads as zeros").containsOnly(0);
        assertThat(root.lseek(fd, 0, AtFlags.SEEK_DATA)).isGreaterThanOrEqualTo(4096);
    }

    @Test
    void anUnlinkedOpenFileKeepsItsDataUntilClosed() throws Exception {
        put(root, "/f", "keep");
        int fd = root.open("/f", O_RDWR, 0);
        root.unlink("/f");
        assertThat(root.listDir("/")).doesNotContain("f");
        root.pwrite(fd, buf("KEEP-more"), 0);
        assertThat(root.fstat(fd).nlink()).isZero();
        ByteBuffer b = ByteBuffer.allocate(20);
        root.pread(fd, b, 0);
        assertThat(new String(b.array(), 0, b.position())).isEqualTo("KEEP-more");
        root.ftruncate(fd, 2);
        assertThat(root.fstat(fd).size()).isEqualTo(2);
        root.close(fd);
    }

    @Test
    void anUnlinkedFileIsSharedByItsDescriptors() throws Exception {
        put(root, "/f", "");
        int w = root.open("/f", O_WRONLY, 0);
        int r = root.open("/f", O_RDONLY, 0);
        root.unlink("/f");
        root.write(w, buf("late"));
        assertThat(read(root, r, 10)).isEqualTo("late");
    }

    @Test
    void randomWritesTruncatesAndReadsMatchAModel() throws Exception {
        Random rnd = new Random(7);
        int limit = 256 * 1024;
        byte[] model = new byte[limit];
        int size = 0;
        int fd = root.open("/model", O_RDWR | O_CREAT, 0644);
        for (int step = 0; step < 1500; step++) {
            int op = rnd.nextInt(10);
            if (op < 5) {
                int off = rnd.nextInt(limit - 9000);
                byte[] chunk = new byte[1 + rnd.nextInt(9000)];
                rnd.nextBytes(chunk);
                assertThat(root.pwrite(fd, ByteBuffer.wrap(chunk), off)).isEqualTo(chunk.length);
                System.arraycopy(chunk, 0, model, off, chunk.length);
                size = Math.max(size, off + chunk.length);
            } else if (op < 6) {
                int len = rnd.nextInt(limit);
                root.ftruncate(fd, len);
                if (len < size) {
                    java.util.Arrays.fill(model, len, size, (byte) 0);
                }
                size = len;
            } else {
                int off = rnd.nextInt(limit);
                ByteBuffer b = ByteBuffer.allocate(1 + rnd.nextInt(12000));
                int n = root.pread(fd, b, off);
                int expected = Math.max(0, Math.min(b.capacity(), size - off));
                assertThat(n).as("step %d: pread at %d", step, off).isEqualTo(expected);
                for (int i = 0; i < n; i++) {
                    if (b.get(i) != model[off + i]) {
                        throw new AssertionError("step " + step + ": byte " + (off + i) + " differs");
                    }
                }
            }
            assertThat(root.fstat(fd).size()).isEqualTo(size);
        }
        if (fixture.features().contains(TckFeature.SPARSE) && size > 0) {
            long hole = root.lseek(fd, 0, AtFlags.SEEK_HOLE);
            for (long off = hole; off < size; ) {
                long data;
                try {
                    data = root.lseek(fd, off, AtFlags.SEEK_DATA);
                } catch (dev.cairn.vfs.ErrnoException e) {
                    data = size;
                }
                for (long i = off; i < data; i++) {
                    assertThat(model[(int) i]).as("byte %d inside a reported hole", i).isZero();
                }
                off = data >= size ? size : root.lseek(fd, data, AtFlags.SEEK_HOLE);
            }
        }
    }
}
