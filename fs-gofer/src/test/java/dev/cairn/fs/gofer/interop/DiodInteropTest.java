package dev.cairn.fs.gofer.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.fs.gofer.client.NinePFilesystemType;
import dev.cairn.fs.gofer.host.SocketPair;
import dev.cairn.fs.gofer.server.GoferProcess;
import dev.cairn.fs.gofer.server.GoferServer;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.StatFs;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against Debian's diod (an independent 9P2000.L implementation): our client mounts a diod
 * export, and diod's own clients diodls/diodcat read our gofer. Skipped when diod is not
 * installed ({@code apt-get install diod}).
 */
@Timeout(90)
class DiodInteropTest {
    private static final Path DIOD = Path.of("/usr/sbin/diod");
    private static final Path DIODLS = Path.of("/usr/sbin/diodls");
    private static final Path DIODCAT = Path.of("/usr/sbin/diodcat");

    @TempDir
    Path tmp;
    Path export;

    @BeforeEach
    void tree() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(DIOD) && Files.isExecutable(DIODLS) && Files.isExecutable(DIODCAT),
                "diod, diodls and diodcat not installed (Debian package diod)");
        export = Files.createDirectories(tmp.resolve("export"));
        Files.writeString(export.resolve("readme"), "served by both\n");
        Files.createDirectories(export.resolve("sub/deeper"));
        Files.writeString(export.resolve("sub/data.txt"), "x".repeat(100_000));
        Files.createSymbolicLink(export.resolve("link"), Path.of("readme"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Process startDiod(int port) throws Exception {
        // run in the temp dir: diod (which raises its own core limit) has been seen to dump core
        // when stopped with SIGTERM, and a core file must not land in the module
        Process p = new ProcessBuilder(DIOD.toString(), "-f", "-n", "-l", "127.0.0.1:" + port, "-e",
                export.toString(), "-c", "/dev/null", "-L", tmp.resolve("diod.log").toString(), "-d", "1")
                .directory(tmp.toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("diod.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("diod did not start: " + Files.readString(tmp.resolve("diod.out")));
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
        String s = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + s).isZero();
        return s;
    }

    @Test
    void ourClientWorksAgainstDiod() throws Exception {
        int port = freePort();
        Process diod = startDiod(port);
        try {
            VirtualFilesystem vfs = VirtualFilesystem.create("diod");
            vfs.registerFilesystemType("9p", new NinePFilesystemType(), TypePolicy.USER_MOUNTABLE);
            SocketPair p = SocketPair.open();
            new GoferServer(Files.createDirectories(tmp.resolve("root")), false).serve(p.second());
            var ns = vfs.newMountNamespace(Credentials.root(), MountRequest.internal("none", "9p", 0,
                    "trans=fd,rfdno=0,wfdno=0").withInternalData("dev.cairn.fs.gofer.connection", p.first()));
            Task t = vfs.newTask(Credentials.root(), ns);
            t.mkdir("/mnt", 0755);
            t.mount("127.0.0.1", "/mnt", "9p", 0, "trans=tcp,port=" + port + ",aname=" + export
                    + ",msize=65536,cache=remote_revalidating");
            assertThat(t.listDir("/mnt")).containsExactlyInAnyOrder("readme", "sub", "link");
            assertThat(new String(t.readFile("/mnt/readme"), StandardCharsets.UTF_8)).isEqualTo("served by both\n");
            assertThat(t.readFile("/mnt/sub/data.txt")).hasSize(100_000);
            assertThat(t.stat("/mnt/sub/data.txt").size()).isEqualTo(100_000);
            assertThat(t.lstat("/mnt/link").isSymlink()).isTrue();
            assertThat(t.readlink("/mnt/link")).isEqualTo("readme");
            t.writeFile("/mnt/sub/written", "from cairn".getBytes(StandardCharsets.UTF_8));
            assertThat(Files.readString(export.resolve("sub/written"))).isEqualTo("from cairn");
            t.mkdir("/mnt/newdir", 0755);
            assertThat(Files.isDirectory(export.resolve("newdir"))).isTrue();
            t.rename("/mnt/sub/written", "/mnt/newdir/moved");
            assertThat(Files.readString(export.resolve("newdir/moved"))).isEqualTo("from cairn");
            t.unlink("/mnt/newdir/moved");
            t.rmdir("/mnt/newdir");
            assertThat(Files.exists(export.resolve("newdir"))).isFalse();
            StatFs s = t.statfs("/mnt");
            assertThat(s.blockSize()).isPositive();
            assertThat(s.nameMax()).isEqualTo(255);
            assertThat(diod.isAlive()).as("diod survived the session").isTrue();
            t.umount("/mnt", 0);
            t.exit();
            p.first().close();
            Thread.sleep(300);
            assertThat(diod.isAlive()).as("diod survived the unmount").isTrue();
        } finally {
            diod.destroy();
            diod.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>(List.of(s.split("\n")));
        out.removeIf(String::isBlank);
        return out;
    }

    @Test
    void diodClientsReadOurGoferLikeTheyReadDiod() throws Exception {
        int port = freePort();
        Process diod = startDiod(port);
        String diodLs;
        String diodSubLs;
        try {
            diodLs = run(DIODLS.toString(), "-l", "-s", "127.0.0.1:" + port, "-a", export.toString());
            diodSubLs = run(DIODLS.toString(), "-l", "-s", "127.0.0.1:" + port, "-a", export.toString(), "sub");
        } finally {
            diod.destroy();
            diod.waitFor(10, TimeUnit.SECONDS);
        }
        try (GoferProcess g = GoferProcess.start("--root", export.toString(), "--listen", "tcp:127.0.0.1:0")) {
            String addr = g.listening.substring(g.listening.lastIndexOf('/') + 1);
            String ours = run(DIODLS.toString(), "-l", "-s", addr, "-a", export.toString());
            String oursSub = run(DIODLS.toString(), "-l", "-s", addr, "-a", export.toString(), "sub");
            // ".." of the export root: diod shows the host parent, our gofer clamps ".." at the root
            List<String> expected = lines(diodLs);
            expected.removeIf(l -> l.endsWith(" .."));
            List<String> got = lines(ours);
            got.removeIf(l -> l.endsWith(" .."));
            assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(lines(oursSub)).containsExactlyInAnyOrderElementsOf(lines(diodSubLs));
            assertThat(run(DIODCAT.toString(), "-s", addr, "-a", export.toString(), "readme"))
                    .isEqualTo("served by both\n");
            assertThat(run(DIODCAT.toString(), "-s", addr, "-a", export.toString(), "sub/data.txt"))
                    .hasSize(100_000);
        }
    }
}
