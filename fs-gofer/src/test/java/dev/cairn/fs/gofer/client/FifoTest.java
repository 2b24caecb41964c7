package dev.cairn.fs.gofer.client;

import static dev.cairn.fs.gofer.client.NinePFilesystemTest.assertErrno;
import static dev.cairn.vfs.OpenFlags.O_NONBLOCK;
import static dev.cairn.vfs.OpenFlags.O_RDONLY;
import static dev.cairn.vfs.OpenFlags.O_RDWR;
import static dev.cairn.vfs.OpenFlags.O_WRONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.fs.gofer.server.GoferProcess;
import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FIFOs on a 9p mount of a real gofer process, in both cache modes: the pipe lives in the
 * VFS (the server never opens the FIFO), so tasks of one VFS meet through it, whether the FIFO
 * was made through the mount or on the host, under every name and every node the client makes
 * for it.
 */
@Timeout(60)
class FifoTest {
    @TempDir
    static Path tmp;
    static Path export;
    static GoferProcess gofer;
    static Path socket;
    static final AtomicInteger NEXT = new AtomicInteger();

    Path host;
    VirtualFilesystem vfs;
    Task t;

    @BeforeAll
    static void startGofer() throws Exception {
        export = Files.createDirectories(tmp.resolve("export"));
        socket = tmp.resolve("gofer.sock");
        gofer = GoferProcess.start("--root", export.toString(), "--listen", "unix:" + socket);
    }

    @AfterAll
    static void stopGofer() throws Exception {
        gofer.close();
    }

    /** A fresh directory of the export mounted as the root of a new VFS with {@code cache}. */
    private void mount(String cache) throws Exception {
        host = Files.createDirectory(export.resolve("t" + NEXT.incrementAndGet()));
        vfs = VirtualFilesystem.create("fifo-test");
        vfs.registerFilesystemType("9p", new NinePFilesystemType(), TypePolicy.LIST_ONLY);
        var ns = vfs.newMountNamespace(Credentials.root(), MountRequest.internal(socket.toString(), "9p", 0,
                "trans=unix,aname=" + host + ",cache=" + cache));
        t = vfs.newTask(Credentials.root(), ns);
    }

    @AfterEach
    void exit() {
        if (t != null) {
            t.exit();
        }
    }

    private static void mkfifoOnHost(Path p) throws Exception {
        Process mk = new ProcessBuilder("mkfifo", "-m", "0644", p.toString()).inheritIO().start();
        assertThat(mk.waitFor()).isZero();
    }

    private static int hostType(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & FileType.S_IFMT;
    }

    /** Reads {@code fd} of {@code task} to end of file. */
    private static byte[] drain(Task task, int fd) throws ErrnoException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(8192);
        int n;
        while ((n = task.read(fd, b.clear())) > 0) {
            out.write(b.array(), 0, n);
        }
        return out.toByteArray();
    }

    /** A reader task opens {@code readPath} blocking; a writer task opens {@code writePath} and sends {@code data}. */
    private void exchange(String readPath, String writePath, byte[] data) throws Exception {
        Task reader = vfs.newTask(Credentials.root(), t.mountNamespace());
        Task writer = vfs.newTask(Credentials.root(), t.mountNamespace());
        // one thread each: both opens block until the other end is open
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<byte[]> got = CompletableFuture.supplyAsync(() -> {
                try {
                    int fd = reader.open(readPath, O_RDONLY);
                    try {
                        return drain(reader, fd);
                    } finally {
                        reader.close(fd);
                    }
                } catch (ErrnoException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, threads);
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    int fd = writer.open(writePath, O_WRONLY);
                    try {
                        for (int off = 0; off < data.length; ) {
                            off += writer.write(fd, ByteBuffer.wrap(data, off, Math.min(10_000, data.length - off)));
                        }
                    } finally {
                        writer.close(fd);
                    }
                } catch (ErrnoException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, threads);
            sent.get(30, TimeUnit.SECONDS);
            assertThat(got.get(30, TimeUnit.SECONDS)).isEqualTo(data);
        } finally {
            threads.shutdownNow();
            reader.exit();
            writer.exit();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fscache", "remote_revalidating"})
    void aFifoMadeThroughTheMountCarriesDataBetweenBlockedTasks(String cache) throws Exception {
        mount(cache);
        t.mknodat(AtFlags.AT_FDCWD, "/p", FileType.FIFO.bits() | 0640, 0, 0);
        assertThat(t.stat("/p").mode() & FileType.S_IFMT).isEqualTo(FileType.FIFO.bits());
        assertThat(t.stat("/p").permissions()).isEqualTo(0640 & ~022);
        assertThat(hostType(host.resolve("p"))).isEqualTo(FileType.FIFO.bits());
        byte[] data = new byte[300_000]; // several times the pipe's capacity: the writer blocks too
        new Random(3).nextBytes(data);
        exchange("/p", "/p", data);
        assertThat(Files.size(host.resolve("p"))).as("nothing went through the host").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fscache", "remote_revalidating"})
    void aFifoMadeOnTheHostIsUsable(String cache) throws Exception {
        mount(cache);
        mkfifoOnHost(host.resolve("hp"));
        assertThat(t.stat("/hp").mode() & FileType.S_IFMT).isEqualTo(FileType.FIFO.bits());
        exchange("/hp", "/hp", "made on the host".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fscache", "remote_revalidating"})
    void nonBlockingOpensFollowLinux(String cache) throws Exception {
        mount(cache);
        t.mknodat(AtFlags.AT_FDCWD, "/p", FileType.FIFO.bits() | 0666, 0, 0);
        assertErrno(Errno.ENXIO, () -> t.open("/p", O_WRONLY | O_NONBLOCK));
        int r = t.open("/p", O_RDONLY | O_NONBLOCK);
        assertThat(t.read(r, ByteBuffer.allocate(4))).as("no writer: end of file").isZero();
        int w = t.open("/p", O_WRONLY | O_NONBLOCK);
        assertErrno(Errno.EAGAIN, () -> t.read(r, ByteBuffer.allocate(4)));
        assertThat(t.write(w, ByteBuffer.wrap(new byte[] {1, 2, 3}))).isEqualTo(3);
        ByteBuffer b = ByteBuffer.allocate(8);
        assertThat(t.read(r, b)).isEqualTo(3);
        t.close(w);
        assertThat(t.read(r, ByteBuffer.allocate(4))).as("writers gone: end of file").isZero();
        t.close(r);
        int rw = t.open("/p", O_RDWR | O_NONBLOCK);
        assertThat(t.write(rw, ByteBuffer.wrap(new byte[] {9}))).isEqualTo(1);
        assertThat(t.read(rw, ByteBuffer.allocate(4))).isEqualTo(1);
        t.close(rw);
        assertErrno(Errno.ESPIPE, () -> {
            int fd = t.open("/p", O_RDONLY | O_NONBLOCK);
            try {
                t.lseek(fd, 0, 0);
            } finally {
                t.close(fd);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"fscache", "remote_revalidating"})
    void everyNameAndNodeOfOneFifoReachesOnePipe(String cache) throws Exception {
        mount(cache);
        mkfifoOnHost(host.resolve("p"));
        Files.createLink(host.resolve("q"), host.resolve("p"));
        int r = t.open("/p", O_RDONLY | O_NONBLOCK);
        // another name of the file: the client makes another node for it, the pipe is the file's
        int w = t.open("/q", O_WRONLY | O_NONBLOCK);
        t.write(w, ByteBuffer.wrap(new byte[] {42}));
        t.close(w);
        // renamed on the host: the new name is looked up afresh, a new node for the same file
        Files.move(host.resolve("p"), host.resolve("moved"));
        int w2 = t.open("/moved", O_WRONLY | O_NONBLOCK);
        t.write(w2, ByteBuffer.wrap(new byte[] {43}));
        t.close(w2);
        ByteBuffer b = ByteBuffer.allocate(4);
        assertThat(t.read(r, b)).isEqualTo(2);
        assertThat(b.array()[0]).isEqualTo((byte) 42);
        assertThat(b.array()[1]).isEqualTo((byte) 43);
        // another file under an old name is another FIFO: no reader there
        Files.delete(host.resolve("q"));
        mkfifoOnHost(host.resolve("q"));
        if (cache.equals("remote_revalidating")) {
            assertErrno(Errno.ENXIO, () -> t.open("/q", O_WRONLY | O_NONBLOCK));
        }
        t.close(r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fscache", "remote_revalidating"})
    void aSocketOnTheMountCannotBeOpened(String cache) throws Exception {
        mount(cache);
        try (ServerSocketChannel s = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(host.resolve("s")));
            assertThat(t.stat("/s").mode() & FileType.S_IFMT).isEqualTo(FileType.SOCKET.bits());
            assertErrno(Errno.ENXIO, () -> t.open("/s", O_RDWR));
            assertErrno(Errno.ENXIO, () -> t.open("/s", O_RDONLY | O_NONBLOCK));
        }
        t.mknodat(AtFlags.AT_FDCWD, "/made", FileType.SOCKET.bits() | 0644, 0, 0);
        assertThat(hostType(host.resolve("made"))).isEqualTo(FileType.SOCKET.bits());
        assertErrno(Errno.ENXIO, () -> t.open("/made", O_WRONLY));
    }
}
