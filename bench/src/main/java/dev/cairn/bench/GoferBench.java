package dev.cairn.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Cairn's 9p client through a real gofer process (fs-gofer's GoferMain as a separate JVM,
 * unix socket, exporting a fresh directory under /dev/shm), mounted in both cache modes,
 * side by side with Cairn's tmpfs and with java.nio on the exported directory itself (the
 * same files the gofer serves). The {@code fs} parameter picks the peer:
 * {@code 9p-fscache}, {@code 9p-revalidating} (both with the gofer donating host fds, as the
 * launcher runs it), {@code 9p-fscache-cold} (a 16 MiB data cache: sequential passes over the
 * 64 MiB file always miss), {@code 9p-revalidating-stream} (no donation, no data cache: data over Tread/Twrite),
 * {@code tmpfs}, {@code host}. Single thread.
 * Sequential rows: one op moves 64 MiB, so MiB/s = ops/s × 64.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
@State(Scope.Thread)
public class GoferBench {
    static final int CHUNK_64K = 64 * 1024;
    static final int CHUNK_1M = 1024 * 1024;

    @Param({"9p-fscache", "9p-fscache-cold", "9p-revalidating", "9p-revalidating-stream", "tmpfs", "host"})
    public String fs;

    /** Where the exported directory (and the gofer's socket) live: a host tmpfs. */
    @Param({"/dev/shm"})
    public String hostDir;

    GoferFixture fixture;
    GoferPeer p;
    final ByteBuffer page = ByteBuffer.allocate(GoferFixture.SMALL_SIZE);
    final ByteBuffer chunk64k = ByteBuffer.allocate(CHUNK_64K);
    final ByteBuffer chunk1m = ByteBuffer.allocate(CHUNK_1M);

    @Setup(Level.Trial)
    public void setup() throws Exception {
        fixture = new GoferFixture(fs, java.nio.file.Path.of(hostDir));
        p = fixture.peer;
        for (int i = 0; i < chunk1m.capacity(); i++) {
            chunk1m.put(i, (byte) i);
            if (i < CHUNK_64K) {
                chunk64k.put(i, (byte) i);
            }
        }
        if (p.openReadClose(GoferFixture.SMALL, page) != GoferFixture.SMALL_SIZE) {
            throw new IllegalStateException(fs + ": short read of " + GoferFixture.SMALL);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        fixture.close();
    }

    /** stat of a 4 KiB file three directories deep, path already looked up (cached). */
    @Benchmark
    public long statSmall() throws Exception {
        return p.stat(GoferFixture.SMALL);
    }

    /** open + read 4 KiB + close of the small file. */
    @Benchmark
    public int openRead4kClose() throws Exception {
        return p.openReadClose(GoferFixture.SMALL, page);
    }

    /** One op = the 64 MiB file read in 64 KiB chunks. */
    @Benchmark
    public long seqRead64M_64k() throws Exception {
        return p.readSequential(GoferFixture.BIG, chunk64k);
    }

    /** One op = the 64 MiB file read in 1 MiB chunks. */
    @Benchmark
    public long seqRead64M_1m() throws Exception {
        return p.readSequential(GoferFixture.BIG, chunk1m);
    }

    /** One op = 64 MiB written (O_CREAT|O_TRUNC) in 64 KiB chunks, then close. */
    @Benchmark
    public void seqWrite64M_64k() throws Exception {
        p.writeSequential(GoferFixture.OUT, chunk64k, GoferFixture.BIG_MIB * 16);
    }

    /** getdents of a 1000-entry directory plus an lstat of every entry. */
    @Benchmark
    public long list1000WithStat() throws Exception {
        return p.listWithAttributes(GoferFixture.LIST);
    }
}
