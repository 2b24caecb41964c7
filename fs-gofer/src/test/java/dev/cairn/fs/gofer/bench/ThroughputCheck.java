package dev.cairn.fs.gofer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.fs.gofer.api.GoferConnection;
import dev.cairn.fs.gofer.client.NinePFilesystemType;
import dev.cairn.fs.gofer.server.GoferProcess;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A quick, JMH-free look at large sequential reads through the 9p client and a gofer process
 * (unix socket) against reading the same file with java.nio. Off by default (it moves
 * hundreds of MiB): {@code mvn test -Dtest=ThroughputCheck -Dgofer.bench=true}.
 */
class ThroughputCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ThroughputCheck.class);
    private static final int MIB = 1 << 20;

    @TempDir
    Path tmp;

    @Test
    void largeSequentialReads() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("gofer.bench"), "set -Dgofer.bench=true to run");
        Path export = Files.createDirectories(tmp.resolve("export"));
        byte[] chunk = new byte[MIB];
        new Random(1).nextBytes(chunk);
        Path big = export.resolve("big");
        int sizeMib = Integer.getInteger("gofer.bench.mib", 256);
        try (FileChannel ch = FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE)) {
            for (int i = 0; i < sizeMib; i++) {
                ch.write(ByteBuffer.wrap(chunk));
            }
        }
        Path sock = tmp.resolve("g.sock");
        try (GoferProcess g = GoferProcess.start("--root", export.toString(), "--listen", "unix:" + sock)) {
            for (int round = 0; round < 3; round++) {
                double direct = direct(big);
                double[] fscache = through(sock, export, "fscache");
                double shared = through(sock, export, "remote_revalidating")[0];
                LOG.info(String.format("round %d: direct %.0f MiB/s, 9p fscache %.0f MiB/s (%.0f%%), "
                        + "9p remote_revalidating %.0f MiB/s (%.0f%%), fscache second pass %.0f MiB/s (%.0f%%)",
                        round, direct, fscache[0], 100 * fscache[0] / direct, shared, 100 * shared / direct,
                        fscache[1], 100 * fscache[1] / direct));
                assertThat(fscache[0]).isPositive();
            }
        }
    }

    private static double direct(Path big) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(MIB);
        long t0 = System.nanoTime();
        long total = 0;
        try (FileChannel ch = FileChannel.open(big)) {
            int n;
            while ((n = ch.read(buf.clear())) > 0) {
                total += n;
            }
        }
        return total / (double) MIB / ((System.nanoTime() - t0) / 1e9);
    }

    /** Reads the file twice on one fresh mount: MiB/s of the first (cold) and second pass. */
    private static double[] through(Path sock, Path export, String cache) throws Exception {
        VirtualFilesystem vfs = VirtualFilesystem.create("bench");
        vfs.registerFilesystemType("9p", new NinePFilesystemType(), TypePolicy.USER_MOUNTABLE);
        var ns = vfs.newMountNamespace(Credentials.root(), MountRequest.internal(sock.toString(), "9p", 0,
                "trans=unix,aname=" + export + ",cache=" + cache));
        Task t = vfs.newTask(Credentials.root(), ns);
        double[] rates = new double[2];
        for (int pass = 0; pass < 2; pass++) {
            ByteBuffer buf = ByteBuffer.allocate(MIB);
            long t0 = System.nanoTime();
            long total = 0;
            int fd = t.open("/big", OpenFlags.O_RDONLY);
            int n;
            while ((n = t.read(fd, buf.clear())) > 0) {
                total += n;
            }
            t.close(fd);
            rates[pass] = total / (double) MIB / ((System.nanoTime() - t0) / 1e9);
            assertThat(total).isEqualTo(Files.size(export.resolve("big")));
        }
        t.exit();
        GoferConnection.class.getName();
        return rates;
    }
}
