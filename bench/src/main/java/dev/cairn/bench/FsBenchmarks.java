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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Cairn's tmpfs (Task API) vs Jimfs vs the host's /dev/shm (java.nio), same operations, same
 * JVM flags, one JMH run: the {@code fs} parameter picks the filesystem. Two-thread variants
 * report the total throughput of both threads; each thread creates files in its own
 * directory, both stat the same deep path.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class FsBenchmarks {
    static final String DEEP;
    static final int LIST_SIZE = 1000;
    static final int CHUNK = 64 * 1024;
    static final int CHUNKS = 1024; // 64 MiB

    static {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 16; i++) {
            sb.append("/d").append(i);
        }
        DEEP = sb.toString();
    }

    /** The filesystem under test, shared by the benchmark's threads. */
    @State(Scope.Benchmark)
    public static class Target {
        @Param({"cairn", "jimfs", "host"})
        public String fs;

        /** Where the host filesystem lives (a tmpfs). */
        @Param({"/dev/shm"})
        public String hostDir;

        BenchFs impl;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            impl = switch (fs) {
                case "cairn" -> new CairnFs();
                case "jimfs" -> NioFs.jimfs();
                case "host" -> NioFs.host(hostDir);
                default -> throw new IllegalArgumentException("fs=" + fs);
            };
            BenchFs.Session s = impl.session();
            s.mkdirs(DEEP);
            s.touch(DEEP + "/file");
            s.mkdirs("/list");
            for (int i = 0; i < LIST_SIZE; i++) {
                s.touch("/list/entry-" + i);
            }
            s.mkdirs("/seq");
            s.writeSequential("/seq/big", ByteBuffer.allocate(CHUNK), CHUNKS);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            impl.close();
        }
    }

    /** One thread's session, directory and buffers. */
    @State(Scope.Thread)
    public static class Worker {
        BenchFs.Session s;
        String file;
        String seqFile;
        final ByteBuffer page = ByteBuffer.allocate(4096);
        final ByteBuffer readBuf = ByteBuffer.allocate(4096);
        final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);

        @Setup(Level.Trial)
        public void setup(Target target, ThreadParams tp) throws Exception {
            s = target.impl.session();
            String dir = "/t" + tp.getThreadIndex();
            s.mkdirs(dir);
            file = dir + "/f";
            seqFile = dir + "/seq";
            for (int i = 0; i < page.capacity(); i++) {
                page.put(i, (byte) i);
            }
        }
    }

    @Benchmark
    @Threads(1)
    public long createStatDelete(Worker w) throws Exception {
        return w.s.createStatDelete(w.file);
    }

    @Benchmark
    @Threads(2)
    public long createStatDelete2T(Worker w) throws Exception {
        return w.s.createStatDelete(w.file);
    }

    @Benchmark
    @Threads(1)
    public long stat16Deep(Worker w) throws Exception {
        return w.s.stat(DEEP + "/file");
    }

    @Benchmark
    @Threads(2)
    public long stat16Deep2T(Worker w) throws Exception {
        return w.s.stat(DEEP + "/file");
    }

    @Benchmark
    @Threads(1)
    public int list1000(Worker w) throws Exception {
        return w.s.list("/list");
    }

    @Benchmark
    @Threads(1)
    public int write4kReadDelete(Worker w) throws Exception {
        return w.s.writeReadDelete(w.file, w.page, w.readBuf);
    }

    /** One op = 64 MiB written in 64 KiB chunks (GiB/s = ops/s / 16). */
    @Benchmark
    @Threads(1)
    public void seqWrite64M(Worker w) throws Exception {
        w.s.writeSequential(w.seqFile, w.chunk, CHUNKS);
    }

    /** One op = 64 MiB read in 64 KiB chunks (GiB/s = ops/s / 16). */
    @Benchmark
    @Threads(1)
    public long seqRead64M(Worker w) throws Exception {
        return w.s.readSequential("/seq/big", w.chunk);
    }
}
