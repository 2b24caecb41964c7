package dev.cairn.fs.gofer.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The page cache's bound and eviction, with files served from byte arrays. */
class PageCacheBoundTest {
    private static final int CHUNK = FileData.CHUNK;

    /** A "server" file: fills sinks from an array and counts the fills. */
    private static final class ArrayFile implements FileData.Source {
        final byte[] bytes;
        final AtomicInteger reads = new AtomicInteger();

        ArrayFile(int size, long seed) {
            bytes = new byte[size];
            new Random(seed).nextBytes(bytes);
        }

        @Override
        public int readChunks(ByteBuffer[] sinks, long offset) {
            reads.incrementAndGet();
            int total = 0;
            for (ByteBuffer s : sinks) {
                int n = (int) Math.max(0, Math.min(s.remaining(), bytes.length - offset - total));
                s.duplicate().put(bytes, (int) offset + total, n);
                total += n;
                if (n < s.remaining()) {
                    break;
                }
            }
            return total;
        }
    }

    private static byte[] read(FileData d, ArrayFile f, long offset, int n) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(n);
        d.read(b, offset, f);
        return Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void cachedBytesStayWithinTheBoundAndEvictedDataIsReadAgainCorrectly() throws Exception {
        PageCache cache = new PageCache(4L * CHUNK);
        ArrayFile[] files = {new ArrayFile(3 * CHUNK + 17, 1), new ArrayFile(5 * CHUNK, 2), new ArrayFile(100, 3)};
        FileData[] data = new FileData[files.length];
        for (int i = 0; i < files.length; i++) {
            data[i] = cache.file(i);
        }
        Random r = new Random(11);
        for (int step = 0; step < 500; step++) {
            int i = r.nextInt(files.length);
            byte[] all = files[i].bytes;
            long off = r.nextInt(all.length + 10);
            int n = 1 + r.nextInt(2 * CHUNK);
            byte[] want = off >= all.length ? new byte[0]
                    : Arrays.copyOfRange(all, (int) off, (int) Math.min(all.length, off + n));
            assertThat(read(data[i], files[i], off, n)).as("step %d", step).isEqualTo(want);
            assertThat(cache.used()).as("step %d", step).isBetween(0L, cache.limit());
        }
        int before = files[1].reads.get();
        read(data[1], files[1], 0, 5 * CHUNK); // more than the bound holds: some must come again
        read(data[1], files[1], 0, 5 * CHUNK);
        assertThat(files[1].reads.get()).isGreaterThan(before);
        cache.clear();
        assertThat(cache.used()).isZero();
    }

    @Test
    void aFileWithinTheBoundIsReadFromTheSourceOnce() throws Exception {
        PageCache cache = new PageCache(8L * CHUNK);
        ArrayFile f = new ArrayFile(3 * CHUNK + 5, 4);
        FileData d = cache.file(7);
        assertThat(read(d, f, 0, 4 * CHUNK)).isEqualTo(f.bytes);
        int reads = f.reads.get();
        assertThat(read(d, f, CHUNK - 3, CHUNK)).isEqualTo(Arrays.copyOfRange(f.bytes, CHUNK - 3, 2 * CHUNK - 3));
        assertThat(read(d, f, 3 * CHUNK + 5, 10)).isEmpty();
        assertThat(f.reads.get()).isEqualTo(reads);
        d.truncate(10, null, () -> 10);
        assertThat(read(d, f, 0, 100)).hasSize(10);
        assertThat(cache.used()).isLessThanOrEqualTo(cache.limit());
    }
}
