package dev.cairn.fs.gofer.server;

import static dev.cairn.fs.gofer.server.Wire.assertErrno;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.fs.gofer.client.P9Client;
import dev.cairn.fs.gofer.p9.Attr;
import dev.cairn.fs.gofer.p9.Message;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.vfs.Errno;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The gofer as its own OS process: unix listener, inherited fd, death of the process. */
@Timeout(90)
class GoferProcessTest {
    @TempDir
    Path tmp;

    private static String read(P9Client c, int root, String name) throws Exception {
        int f = c.newFid();
        c.call(new Twalk(root, f, List.of(name)), Rwalk.class, "walk");
        c.call(new Tlopen(f, 0), Rlopen.class, "open");
        ByteBuffer d = c.call(new Tread(f, 0, 4096), Rread.class, "read").data();
        return StandardCharsets.UTF_8.decode(d).toString();
    }

    private static int attach(P9Client c, String aname) throws Exception {
        int root = c.newFid();
        c.call(new Tattach(root, Message.NOFID, "root", aname, 0), Rattach.class, "attach");
        return root;
    }

    @Test
    void unixListenerServesAndItsStaleSocketIsReplacedAndRemovedOnExit() throws Exception {
        Path export = Files.createDirectories(tmp.resolve("export"));
        Files.writeString(export.resolve("hello"), "from another process");
        Path sock = tmp.resolve("gofer.sock");
        Files.writeString(sock, "stale");
        try (GoferProcess g = GoferProcess.start("--root", export.toString(), "--listen", "unix:" + sock)) {
            SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock));
            try (P9Client c = P9Client.connect(ch, 1 << 20, Duration.ofSeconds(10))) {
                assertThat(c.msize()).isEqualTo(1 << 20);
                int root = attach(c, export.toString());
                assertThat(read(c, root, "hello")).isEqualTo("from another process");
            }
            g.process.destroy();
            assertThat(g.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.exists(sock)).isFalse();
    }

    @Test
    void whenTheGoferDiesOperationsFailWithEioWithoutHanging() throws Exception {
        Path export = Files.createDirectories(tmp.resolve("export"));
        Path sock = tmp.resolve("g.sock");
        GoferProcess g = GoferProcess.start("--root", export.toString(), "--listen", "unix:" + sock);
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock));
        P9Client c = P9Client.connect(ch, 1 << 20, Duration.ofSeconds(30));
        int root = attach(c, "");
        c.call(new Tgetattr(root, Attr.BASIC), Rgetattr.class, "getattr");
        g.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        assertErrno(Errno.EIO, () -> {
            for (int i = 0; i < 100; i++) {
                c.call(new Tgetattr(root, Attr.BASIC), Rgetattr.class, "getattr");
                Thread.sleep(20);
            }
        });
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(c.isBroken()).isTrue();
        g.close();
    }

    @Test
    void inheritedFdIsServedAndTheProcessExitsWhenThePeerCloses() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.util.stream.Stream.of("/usr/bin/python3", "/bin/python3").anyMatch(p -> Files.isExecutable(Path.of(p))),
                "python3 (used to hand an inherited socket to the gofer) is not installed");
        Path export = Files.createDirectories(tmp.resolve("export"));
        Files.writeString(export.resolve("f"), "over an inherited socket");
        Path sock = tmp.resolve("handover.sock");
        try (ServerSocketChannel l = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            l.bind(UnixDomainSocketAddress.of(sock));
            // python connects to us, marks the socket inheritable and execs the gofer with --fd N
            List<String> cmd = new ArrayList<>(List.of("python3", "-c",
                    "import os,socket,sys\n"
                            + "s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); os.set_inheritable(s.fileno(), True)\n"
                            + "os.execv(sys.argv[2], sys.argv[2:] + ['--fd', str(s.fileno())])",
                    sock.toString()));
            cmd.addAll(GoferProcess.javaCommand("--root", export.toString()));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                SocketChannel ch = l.accept();
                try (P9Client c = P9Client.connect(ch, 65536, Duration.ofSeconds(20))) {
                    assertThat(c.msize()).isEqualTo(65536);
                    int root = attach(c, "");
                    assertThat(read(c, root, "f")).isEqualTo("over an inherited socket");
                }
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isZero();
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void theGoferStopsWhenItsParentExits() throws Exception {
        Path export = Files.createDirectories(tmp.resolve("export"));
        Path sock = tmp.resolve("orphan.sock");
        StringBuilder cmd = new StringBuilder();
        for (String a : GoferProcess.javaCommand("--root", export.toString(), "--listen", "unix:" + sock)) {
            cmd.append('\'').append(a.replace("'", "'\\''")).append("' ");
        }
        // the shell starts the gofer in the background and exits once the socket is there
        Process sh = new ProcessBuilder("sh", "-c", cmd + ">/dev/null 2>&1 & "
                + "i=0; while [ ! -S '" + sock + "' ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done")
                .redirectErrorStream(true).start();
        assertThat(sh.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(sock)).as("gofer came up").isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (Files.exists(sock) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.exists(sock)).as("socket removed by the exiting gofer").isFalse();
    }

    @Test
    void badArgumentsExitWithStatusTwo() throws Exception {
        Process p = new ProcessBuilder(GoferProcess.javaCommand("--root")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("usage");
        assertThat(GoferMain.run(new String[] {"--root", tmp.resolve("missing").toString(), "--listen",
            "unix:" + tmp.resolve("x.sock")})).isEqualTo(1);
    }
}
