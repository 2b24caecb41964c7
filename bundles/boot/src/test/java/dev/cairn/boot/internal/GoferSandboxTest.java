package dev.cairn.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.boot.api.FileAccess;
import dev.cairn.boot.api.FileAccessSettings;
import dev.cairn.boot.api.MountSpec;
import dev.cairn.boot.api.Sandbox;
import dev.cairn.boot.api.SandboxSpec;
import dev.cairn.fs.gofer.client.NinePFilesystemType;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.Task;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sandboxes over real gofer processes: each host directory is exported by its own
 * {@code GoferMain} process on a unix-domain socket, and the test hands the sandbox one
 * connection per gofer mount, root first, as the launcher does.
 */
class GoferSandboxTest {
    private static final AtomicInteger IDS = new AtomicInteger();
    @TempDir
    static Path tmp;
    private static Path rootDir;
    private static Path dataDir;
    private static Path otherDir;
    private static GoferProcess rootGofer;
    private static GoferProcess dataGofer;
    private static GoferProcess otherGofer;

    private final Fixture f = new Fixture();
    private final List<Sandbox> opened = new ArrayList<>();
    private final List<Task> tasks = new ArrayList<>();

    @BeforeAll
    static void startGofers() throws Exception {
        rootDir = Files.createDirectories(tmp.resolve("root"));
        dataDir = Files.createDirectories(tmp.resolve("data"));
        otherDir = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(rootDir.resolve("root-marker"), "I am the root");
        Files.writeString(dataDir.resolve("data-marker"), "I am data");
        Files.writeString(otherDir.resolve("other-marker"), "I am other");
        rootGofer = GoferProcess.start(rootDir, tmp, "root");
        dataGofer = GoferProcess.start(dataDir, tmp, "data");
        otherGofer = GoferProcess.start(otherDir, tmp, "other");
    }

    @AfterAll
    static void stopGofers() throws Exception {
        for (GoferProcess g : new GoferProcess[] {rootGofer, dataGofer, otherGofer}) {
            if (g != null) {
                g.close();
            }
        }
    }

    private final NinePFilesystemType ninep = new NinePFilesystemType();

    GoferSandboxTest() {
        f.add(ninep);
    }

    @AfterEach
    void closeSandboxes() {
        tasks.forEach(Task::exit);
        opened.forEach(Sandbox::close);
    }

    private static String id() {
        return "g" + IDS.incrementAndGet();
    }

    private static MountSpec bind(String dest, Path source, String... options) {
        return new MountSpec(dest, "bind", source.toString(), List.of(options));
    }

    private Sandbox create(SandboxSpec spec, SocketChannel... connections) throws ErrnoException {
        Sandbox s = f.manager.create(spec, List.of(connections));
        opened.add(s);
        return s;
    }

    private Task task(Sandbox s) {
        Task t = s.newTask(Credentials.root());
        tasks.add(t);
        return t;
    }

    private static String read(Task t, String path) throws ErrnoException {
        return new String(t.readFile(path), StandardCharsets.UTF_8);
    }

    private static Errno errno(ThrowingCall c) {
        try {
            c.run();
        } catch (ErrnoException e) {
            return e.errno();
        }
        return null;
    }

    interface ThrowingCall {
        void run() throws ErrnoException;
    }

    @Test
    void hostFilesAreSeenAndSandboxWritesReachTheHost() throws Exception {
        String name = id();
        Sandbox s = create(SandboxSpec.goferRoot(name, rootDir.toString(), false, List.of(bind("/data", dataDir))),
                rootGofer.connect(), dataGofer.connect());
        assertThat(s.mountNamespace().mounts()).extracting(m -> m.mountPoint().isEmpty() ? "/" : m.mountPoint(),
                m -> m.type()).contains(org.assertj.core.groups.Tuple.tuple("/", "9p"),
                org.assertj.core.groups.Tuple.tuple("/data", "9p"));
        Task t = task(s);
        assertThat(read(t, "/root-marker")).isEqualTo("I am the root");
        assertThat(read(t, "/data/data-marker")).isEqualTo("I am data");

        Files.writeString(dataDir.resolve(name + "-late"), "made on the host after mounting");
        assertThat(read(t, "/data/" + name + "-late")).isEqualTo("made on the host after mounting");

        t.writeFile("/data/" + name + "-out", "from the sandbox".getBytes(StandardCharsets.UTF_8));
        t.writeFile("/" + name + "-rootout", "into the root".getBytes(StandardCharsets.UTF_8));
        t.mkdir("/data/" + name + "-dir", 0755);
        assertThat(Files.readString(dataDir.resolve(name + "-out"))).isEqualTo("from the sandbox");
        assertThat(Files.readString(rootDir.resolve(name + "-rootout"))).isEqualTo("into the root");
        assertThat(Files.isDirectory(dataDir.resolve(name + "-dir"))).isTrue();
    }

    @Test
    void connectionsAreDispensedRootFirstThenBindsInSpecOrder() throws Exception {
        // Spec order: the deep mount first; mount order (by length): /o first. Connection 1
        // must still serve the deep mount.
        Sandbox s = create(SandboxSpec.goferRoot(id(), rootDir.toString(), false, List.of(
                        bind("/deep/er/data", dataDir), bind("/o", otherDir))),
                rootGofer.connect(), dataGofer.connect(), otherGofer.connect());
        Task t = task(s);
        assertThat(read(t, "/root-marker")).isEqualTo("I am the root");
        assertThat(read(t, "/deep/er/data/data-marker")).isEqualTo("I am data");
        assertThat(read(t, "/o/other-marker")).isEqualTo("I am other");
        assertThat(errno(() -> t.stat("/o/data-marker"))).isEqualTo(Errno.ENOENT);
    }

    @Test
    void bindMountsOverATmpfsRootUseTheirConnectionsFromTheFirst() throws Exception {
        Sandbox s = create(new SandboxSpec(id(), "tmpfs", "", false, List.of(bind("/o", otherDir, "ro"))),
                otherGofer.connect());
        Task t = task(s);
        assertThat(read(t, "/o/other-marker")).isEqualTo("I am other");
        assertThat(errno(() -> t.writeFile("/o/nope", new byte[1]))).isEqualTo(Errno.EROFS);
        assertThat(Files.exists(otherDir.resolve("nope"))).isFalse();
    }

    @Test
    void tooFewConnectionsIsEinvalAndLeavesNothingBehind() throws Exception {
        String name = id();
        SocketChannel root = rootGofer.connect();
        SandboxSpec spec = SandboxSpec.goferRoot(name, rootDir.toString(), false, List.of(bind("/data", dataDir)));
        assertThatThrownBy(() -> f.manager.create(spec, List.of(root)))
                .isInstanceOf(ErrnoException.class).hasMessageContaining("9P mount requires a connection")
                .hasMessageContaining("/data")
                .extracting(e -> ((ErrnoException) e).errno()).isEqualTo(Errno.EINVAL);
        assertThat(root.isOpen()).isFalse();
        assertThat(f.manager.sandboxes()).isEmpty();
        assertThatThrownBy(() -> f.manager.create(spec)).hasMessageContaining("9P mount requires a connection");
    }

    @Test
    void leftOverConnectionsAreEinvalAndAllAreClosed() throws Exception {
        String name = id();
        SocketChannel root = rootGofer.connect();
        SocketChannel extra = dataGofer.connect();
        SandboxSpec spec = SandboxSpec.goferRoot(name, rootDir.toString(), false, List.of());
        assertThatThrownBy(() -> f.manager.create(spec, List.of(root, extra)))
                .isInstanceOf(ErrnoException.class).hasMessageContaining("not all gofer connections were consumed")
                .extracting(e -> ((ErrnoException) e).errno()).isEqualTo(Errno.EINVAL);
        assertThat(root.isOpen()).isFalse();
        assertThat(extra.isOpen()).isFalse();
        assertThat(f.manager.sandboxes()).isEmpty();
        Sandbox s = create(spec, rootGofer.connect());
        assertThat(read(task(s), "/root-marker")).isEqualTo("I am the root");
    }

    @Test
    void aFailingBindMountUndoesTheSandboxAndClosesEveryConnection() throws Exception {
        String name = id();
        Path sock = tmp.resolve(name + "-mute.sock");
        try (ServerSocketChannel mute = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            mute.bind(UnixDomainSocketAddress.of(sock));
            SocketChannel root = rootGofer.connect();
            SocketChannel data = dataGofer.connect();
            SocketChannel dead = SocketChannel.open(UnixDomainSocketAddress.of(sock));
            mute.accept().close(); // the peer hangs up: not a 9P server
            SandboxSpec spec = SandboxSpec.goferRoot(name, rootDir.toString(), false,
                    List.of(bind("/data", dataDir), bind("/zzz/dead", otherDir)));
            assertThatThrownBy(() -> f.manager.create(spec, List.of(root, data, dead)))
                    .isInstanceOf(ErrnoException.class).hasMessageContaining("/zzz/dead")
                    .extracting(e -> ((ErrnoException) e).errno()).isEqualTo(Errno.EIO);
            assertThat(List.of(root, data, dead)).noneMatch(SocketChannel::isOpen);
            assertThat(f.manager.sandboxes()).isEmpty();
        }
    }

    @Test
    void aKilledGoferFailsItsMountWithEioWhileTheSandboxStaysUp() throws Exception {
        Path victimDir = Files.createDirectories(tmp.resolve(id() + "-victim"));
        Files.writeString(victimDir.resolve("v"), "alive");
        try (GoferProcess victim = GoferProcess.start(victimDir, tmp, "victim")) {
            Sandbox s = create(SandboxSpec.goferRoot(id(), rootDir.toString(), false, List.of(bind("/v", victimDir))),
                    rootGofer.connect(), victim.connect());
            Task t = task(s);
            assertThat(read(t, "/v/v")).isEqualTo("alive");
            victim.kill();
            long start = System.nanoTime();
            assertThat(errno(() -> t.readFile("/v/v"))).isEqualTo(Errno.EIO);
            assertThat(errno(() -> t.writeFile("/v/w", new byte[1]))).isEqualTo(Errno.EIO);
            assertThat(errno(() -> t.listDir("/v"))).isEqualTo(Errno.EIO);
            assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
            assertThat(read(t, "/root-marker")).isEqualTo("I am the root");
            assertThat(f.manager.sandboxes()).contains(s);
            assertThat(read(task(s), "/root-marker")).isEqualTo("I am the root");
        }
    }

    @Test
    void readOnlyRootGetsItsMountPointsDuringSetupAndRefusesWritesAfter() throws Exception {
        String name = id();
        Sandbox s = create(SandboxSpec.goferRoot(name, rootDir.toString(), true, List.of(bind("/" + name, dataDir))),
                rootGofer.connect(), dataGofer.connect());
        Task t = task(s);
        assertThat(s.mountNamespace().root().readOnly()).isTrue();
        assertThat(errno(() -> t.writeFile("/" + name + "-no", new byte[1]))).isEqualTo(Errno.EROFS);
        assertThat(Files.exists(rootDir.resolve(name + "-no"))).isFalse();
        t.writeFile("/" + name + "/" + name + "-yes", "bind is writable".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(dataDir.resolve(name + "-yes"))).isEqualTo("bind is writable");
    }

    @Test
    void sharedRootSeesHostChangesMadeAfterMounting() throws Exception {
        String name = id();
        Sandbox s = create(SandboxSpec.goferRoot(name, rootDir.toString(), false, List.of())
                .withFileAccess(new FileAccessSettings(FileAccess.SHARED, FileAccess.SHARED)), rootGofer.connect());
        Task t = task(s);
        assertThat(errno(() -> t.stat("/" + name))).isEqualTo(Errno.ENOENT);
        Files.writeString(rootDir.resolve(name), "v1");
        assertThat(read(t, "/" + name)).isEqualTo("v1");
        Files.writeString(rootDir.resolve(name), "version 2");
        assertThat(read(t, "/" + name)).isEqualTo("version 2");
        Files.delete(rootDir.resolve(name));
        assertThat(errno(() -> t.stat("/" + name))).isEqualTo(Errno.ENOENT);
    }

    @Test
    void closingTheSandboxClosesItsConnections() throws Exception {
        SocketChannel root = rootGofer.connect();
        SocketChannel data = dataGofer.connect();
        Sandbox s = f.manager.create(SandboxSpec.goferRoot(id(), rootDir.toString(), false,
                List.of(bind("/data", dataDir))), List.of(root, data));
        assertThat(root.isOpen()).isTrue();
        s.close();
        assertThat(root.isOpen()).isFalse();
        assertThat(data.isOpen()).isFalse();
        assertThat(f.manager.sandboxes()).isEmpty();
    }

    @Test
    void gofersBindMountsStayPendingWhenThe9pTypeReturnsButTheRootKeepsWorking() throws Exception {
        SocketChannel data = dataGofer.connect();
        Sandbox s = create(SandboxSpec.goferRoot(id(), rootDir.toString(), false, List.of(bind("/data", dataDir))),
                rootGofer.connect(), data);
        Task t = task(s);
        assertThat(read(t, "/data/data-marker")).isEqualTo("I am data");
        f.remove(ninep);
        assertThat(s.pendingMounts()).containsExactly("9p on /data");
        f.add(new NinePFilesystemType());
        assertThat(s.pendingMounts()).containsExactly("9p on /data");
        assertThat(read(t, "/root-marker")).isEqualTo("I am the root");
        assertThat(errno(() -> t.stat("/data/data-marker"))).isEqualTo(Errno.ENOENT);
    }

    @Test
    void aKilledRootGoferFailsRootFilesWithEioAndTheSandboxStillCloses() throws Exception {
        Path victimRoot = Files.createDirectories(tmp.resolve(id() + "-vroot"));
        Files.writeString(victimRoot.resolve("unread"), "never read before the kill");
        try (GoferProcess victim = GoferProcess.start(victimRoot, tmp, "vroot")) {
            Sandbox s = f.manager.create(SandboxSpec.goferRoot(id(), victimRoot.toString(), false,
                    List.of(bind("/data", dataDir))), List.of(victim.connect(), dataGofer.connect()));
            Task t = s.newTask(Credentials.root());
            victim.kill();
            long start = System.nanoTime();
            assertThat(errno(() -> t.readFile("/unread"))).isEqualTo(Errno.EIO);
            assertThat(errno(() -> t.writeFile("/new", new byte[1]))).isEqualTo(Errno.EIO);
            assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
            assertThat(read(t, "/data/data-marker")).isEqualTo("I am data");
            assertThat(f.manager.sandboxes()).contains(s);
            t.exit();
            s.close();
            assertThat(f.manager.sandboxes()).isEmpty();
        }
    }

    @Test
    void aReadOnlyExportedRootGetsSyntheticMountPoints() throws Exception {
        Path frozen = Files.createDirectories(tmp.resolve(id() + "-frozen"));
        Files.writeString(frozen.resolve("f"), "frozen");
        try (GoferProcess ro = GoferProcess.start(frozen, tmp, "frozen", true)) {
            Sandbox s = create(SandboxSpec.goferRoot(id(), frozen.toString(), true,
                    List.of(bind("/mnt/data", dataDir))), ro.connect(), dataGofer.connect());
            Task t = task(s);
            assertThat(read(t, "/f")).isEqualTo("frozen");
            assertThat(read(t, "/mnt/data/data-marker")).isEqualTo("I am data");
            assertThat(t.stat("/dev").isDirectory()).isTrue();
            try (var listing = Files.list(frozen)) {
                assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("f");
            }
        }
    }
}
