package dev.cairn.fs.gofer.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Write-back of {@link FileData} against a byte-array "server" file, checked against a byte model. */
class WriteBackModelTest {
    private static final int CHUNK = FileData.CHUNK;

    /** A server file in memory: reads, writes at offsets, size; counts writes. */
    static final class ArrayServer implements FileData.Backing {
        byte[] bytes = new byte[0];
        int writes;

        @Override
        public synchronized int readChunks(ByteBuffer[] sinks, long offset) {
            int total = 0;
            for (ByteBuffer s : sinks) {
                int n = (int) Math.max(0, Math.min(s.remaining(), bytes.length - offset - total));
                if (n > 0) {
                    s.duplicate().put(bytes, (int) offset + total, n);
                }
                total += n;
                if (n < s.remaining()) {
                    break;
                }
            }
            return total;
        }

        @Override
        public synchronized long serverSize() {
            return bytes.length;
        }

        @Override
        public synchronized int writeBack(ByteBuffer src, long offset) {
            writes++;
            int n = src.remaining();
            if (offset + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) offset + n);
            }
            src.get(bytes, (int) offset, n);
            return n;
        }

        synchronized long truncate(long size) {
            bytes = Arrays.copyOf(bytes, (int) size);
            return size;
        }

        @Override
        public void flushed() {
        }

        @Override
        public String path() {
            return "/model";
        }
    }

    private static byte[] read(FileData d, ArrayServer s, long offset, int n) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            int k = d.read(b, offset + b.position(), s);
            if (k <= 0) {
                break;
            }
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void randomWritesReadsTruncatesAndFlushesMatchAByteModelUnderASmallBound() throws Exception {
        for (long seed = 1; seed <= 12; seed++) {
            Random r = new Random(seed);
            PageCache cache = new PageCache(2L * CHUNK);
            ArrayServer server = new ArrayServer();
            server.bytes = new byte[5 * CHUNK + 99];
            r.nextBytes(server.bytes);
            byte[] model = Arrays.copyOf(server.bytes, 8 * CHUNK);
            int size = server.bytes.length;
            FileData d = cache.file(1);
            StringBuilder log = new StringBuilder();
            for (int step = 0; step < 400; step++) {
                int op = r.nextInt(12);
                String what = "seed " + seed + " step " + step + " after " + log;
                if (op < 5) {
                    long off = r.nextInt(7 * CHUNK);
                    int n = 1 + r.nextInt(2 * CHUNK);
                    byte[] want = off >= size ? new byte[0]
                            : Arrays.copyOfRange(model, (int) off, (int) Math.min(size, off + n));
                    byte[] got = read(d, server, off, n);
                    int mm = Arrays.mismatch(got, want);
                    assertThat(mm).as("%s read %d+%d: got %d bytes, want %d, at mismatch got %s want %s", what, off, n,
                            got.length, want.length, mm >= 0 && mm < got.length ? got[mm] : null,
                            mm >= 0 && mm < want.length ? want[mm] : null).isEqualTo(-1);
                    log.append(" r").append(off).append('+').append(n);
                } else if (op < 9) {
                    int off = r.nextInt(7 * CHUNK);
                    byte[] b = new byte[1 + r.nextInt(Math.min(CHUNK + 1000, 8 * CHUNK - off))];
                    r.nextBytes(b);
                    d.write(ByteBuffer.wrap(b), off, server);
                    System.arraycopy(b, 0, model, off, b.length);
                    size = Math.max(size, off + b.length);
                    log.append(" w").append(off).append('+').append(b.length);
                } else if (op < 11) {
                    int n = r.nextInt(7 * CHUNK);
                    d.truncate(n, null, () -> server.truncate(n));
                    if (n < size) {
                        Arrays.fill(model, n, size, (byte) 0);
                    }
                    size = n;
                    log.append(" t").append(n);
                } else {
                    log.append(" f");
                    d.flush(server);
                    assertThat(server.bytes).as(what + " flushed").isEqualTo(Arrays.copyOf(model, size));
                }
                assertThat(cache.used()).as(what).isLessThanOrEqualTo(cache.limit() + CHUNK);
            }
            d.closed(server);
            assertThat(server.bytes).as("seed " + seed + " closed").isEqualTo(Arrays.copyOf(model, size));
            assertThat(cache.dirty()).isZero();
        }
    }
}
