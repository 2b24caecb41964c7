package dev.cairn.fs.gofer.client;

import static dev.cairn.fs.gofer.client.NinePFilesystemTest.assertErrno;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.fs.gofer.api.GoferConnection;
import dev.cairn.fs.gofer.server.GoferProcess;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Host fd donation: a gofer process started with {@code --donate-fds} attaches the fd of each
 * opened regular file to its Rlopen, and a client connected with {@code GoferSockets} reads
 * and writes through it. Observed from outside: this JVM holds an fd on exactly the opened
 * host file (in /proc/self/fd) while the file is open, and only then.
 */
@Timeout(60)
class FdDonationTest {
    @TempDir
    Path tmp;

    private Path export;
    private Path sock;

    private Task mount(GoferProcess gofer, String cache) throws Exception {
        return mount(dev.cairn.fs.gofer.api.GoferSockets.connect(sock), cache);
    }

    private Task mount(ByteChannel ch, String cache) throws Exception {
        VirtualFilesystem vfs = VirtualFilesystem.create("donation");
        vfs.registerFilesystemType("9p", new NinePFilesystemType(), TypePolicy.USER_MOUNTABLE);
        GoferConnection c = new GoferConnection(0, ch);
        var ns = vfs.newMountNamespace(Credentials.root(), MountRequest.internal("none", "9p", 0,
                c.mountData() + ",aname=" + export + ",cache=" + cache).withInternalData(GoferConnection.INTERNAL_DATA_KEY, c));
        return vfs.newTask(Credentials.root(), ns);
    }

    private GoferProcess gofer(boolean donate) throws Exception {
        export = Files.createDirectories(tmp.resolve("srv"));
        sock = tmp.resolve("g.sock");
        List<String> args = new ArrayList<>();
        if (donate) {
            args.add("--donate-fds");
        }
        args.addAll(List.of("--root", export.toString(), "--listen", "unix:" + sock));
        return GoferProcess.start(args.toArray(new String[0]));
    }

    /** The fds of this JVM open on {@code file}, with their fdinfo flags (octal). */
    private static List<String> fdsOn(Path file) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).equals(file)) {
                        String info = Files.readString(Path.of("/proc/self/fdinfo").resolve(fd.getFileName()));
                        found.add(info.lines().filter(l -> l.startsWith("flags:")).findFirst().orElse("?"));
                    }
                } catch (IOException e) {
                    // closed meanwhile (the listing's own fd, say)
                }
            }
        }
        return found;
    }

    private static int accessMode(String flagsLine) {
        return Integer.parseInt(flagsLine.substring("flags:".length()).trim(), 8) & OpenFlags.O_ACCMODE;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fscache", "remote_revalidating"})
    void anOpenFileIsReadAndWrittenThroughTheDonatedHostFd(String cache) throws Exception {
        try (GoferProcess g = gofer(true)) {
            byte[] data = new byte[3 << 20];
            new Random(3).nextBytes(data);
            Path file = export.resolve("big");
            Files.write(file, data);
            Task t = mount(g, cache);
            assertThat(fdsOn(file)).isEmpty();
            int fd = t.open("/big", OpenFlags.O_RDWR);
            List<String> held = fdsOn(file);
            assertThat(held).hasSize(1);
            assertThat(accessMode(held.get(0))).isEqualTo(OpenFlags.O_RDWR);
            ByteBuffer all = ByteBuffer.allocate(data.length);
            while (all.hasRemaining() && t.pread(fd, all, all.position()) > 0) {
                // reads until full
            }
            assertThat(all.array()).isEqualTo(data);
            t.pwrite(fd, ByteBuffer.wrap("patched".getBytes()), 100);
            t.fsync(fd);
            assertThat(new String(Files.readAllBytes(file), 100, 7)).isEqualTo("patched");
            t.close(fd);
            assertThat(fdsOn(file)).isEmpty();
            int ro = t.open("/big", OpenFlags.O_RDONLY);
            assertThat(fdsOn(file)).singleElement().satisfies(f -> assertThat(accessMode(f)).isEqualTo(OpenFlags.O_RDONLY));
            t.close(ro);
            t.exit();
        }
    }

    @Test
    void writeBackFlushesThroughTheDonatedFdAtFsyncAndReportsEnospcThere() throws Exception {
        Path small = Files.createDirectories(tmp.resolve("srv"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)
                && mount.exitValue() == 0, "mounting a tmpfs needs root");
        try (GoferProcess g = gofer(true)) {
            Task t = mount(g, "fscache");
            int fd = t.open("/f", OpenFlags.O_RDWR | OpenFlags.O_CREAT, 0644);
            assertThat(fdsOn(export.resolve("f"))).hasSize(1);
            byte[] page = new byte[4096];
            for (int i = 0; i < 64; i++) {
                java.util.Arrays.fill(page, (byte) i);
                t.write(fd, ByteBuffer.wrap(page));
            }
            assertThat(Files.size(export.resolve("f"))).as("written back, not yet flushed").isZero();
            assertThat(t.stat("/f").size()).isEqualTo(64 * 4096);
            t.fsync(fd);
            byte[] onHost = Files.readAllBytes(export.resolve("f"));
            assertThat(onHost).hasSize(64 * 4096);
            assertThat(onHost[63 * 4096]).isEqualTo((byte) 63);
            t.write(fd, ByteBuffer.wrap(new byte[2 << 20])); // cached: fits the page cache, not the host
            assertThat(((dev.cairn.vfs.ErrnoException) org.assertj.core.api.Assertions.catchThrowable(() -> t.fsync(fd)))
                    .errno()).isEqualTo(Errno.ENOSPC);
            t.close(fd);
            t.exit();
        } finally {
            new ProcessBuilder("umount", "-l", small.toString()).start().waitFor();
        }
    }

    @Test
    void withoutDonationNoHostFdReachesTheClient() throws Exception {
        try (GoferProcess g = gofer(false)) {
            Path file = Files.writeString(export.resolve("f"), "plain 9p");
            Task t = mount(g, "fscache");
            int fd = t.open("/f", OpenFlags.O_RDONLY);
            assertThat(fdsOn(file)).isEmpty();
            assertThat(new String(t.readFile("/f"))).isEqualTo("plain 9p");
            t.close(fd);
            t.exit();
        }
    }

    @Test
    void aClientThatDoesNotTakeFdsWorksAndLeaksNone() throws Exception {
        try (GoferProcess g = gofer(true)) {
            Path file = Files.writeString(export.resolve("f"), "stream only");
            Task t = mount(SocketChannel.open(java.net.UnixDomainSocketAddress.of(sock)), "remote_revalidating");
            for (int i = 0; i < 50; i++) {
                int fd = t.open("/f", OpenFlags.O_RDONLY);
                assertThat(fdsOn(file)).isEmpty();
                t.close(fd);
            }
            assertThat(new String(t.readFile("/f"))).isEqualTo("stream only");
            t.exit();
        }
    }

    @Test
    void aDeadGoferFailsIoOnFilesAlreadyOpenWithEio() throws Exception {
        GoferProcess g = gofer(true);
        Files.writeString(export.resolve("f"), "soon gone");
        Task t = mount(g, "remote_revalidating");
        int fd = t.open("/f", OpenFlags.O_RDONLY);
        g.process.destroyForcibly().waitFor();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                t.pread(fd, ByteBuffer.allocate(4), 0);
                Thread.sleep(20); // the client has not seen the end of the connection yet
            } catch (dev.cairn.vfs.ErrnoException e) {
                assertThat(e.errno()).isEqualTo(Errno.EIO);
                break;
            }
        }
        assertErrno(Errno.EIO, () -> t.pread(fd, ByteBuffer.allocate(4), 0));
        t.close(fd);
        t.exit();
    }
}
