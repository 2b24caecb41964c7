package dev.cairn.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Gofers} against real gofer processes started from the packaged distribution's jars
 * (target/cairn/bundles), without Felix.
 */
class GofersIT {
    @TempDir
    Path work;

    private final ByteArrayOutputStream reported = new ByteArrayOutputStream();
    private final PrintStream report = new PrintStream(reported, true, StandardCharsets.UTF_8);

    private static Path home() {
        return Path.of(System.getProperty("cairn.home", "target/cairn")).toAbsolutePath();
    }

    private static Gofers.Use use(Path dir, boolean ro, String dest) {
        return new Gofers.Use(new Gofers.Export(dir, ro), dest);
    }

    /** Sends Tversion and returns the version string of the Rversion reply. */
    private static String version(java.nio.channels.ByteChannel ch) throws IOException {
        byte[] v = "9P2000.L".getBytes(StandardCharsets.UTF_8);
        ByteBuffer t = ByteBuffer.allocate(4 + 1 + 2 + 4 + 2 + v.length).order(ByteOrder.LITTLE_ENDIAN);
        t.putInt(t.capacity()).put((byte) 100).putShort((short) 0xFFFF).putInt(65536).putShort((short) v.length).put(v);
        t.flip();
        while (t.hasRemaining()) {
            ch.write(t);
        }
        ByteBuffer head = readFully(ch, 4);
        int size = head.getInt();
        assertThat(size).isBetween(13, 1024);
        ByteBuffer r = readFully(ch, size - 4);
        assertThat(r.get()).as("Rversion").isEqualTo((byte) 101);
        r.getShort();
        r.getInt();
        byte[] got = new byte[r.getShort()];
        r.get(got);
        return new String(got, StandardCharsets.UTF_8);
    }

    private static ByteBuffer readFully(java.nio.channels.ByteChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("end of stream after " + b.position() + " of " + n + " bytes");
            }
        }
        return b.flip();
    }

    private static List<ProcessHandle> goferProcesses() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(GoferChild.class.getName())).orElse(false))
                .toList();
    }

    @Test
    void oneProcessPerDistinctExportAndOneServedConnectionPerUseInOrder() throws Exception {
        Path a = Files.createDirectories(work.resolve("a"));
        Path b = Files.createDirectories(work.resolve("b"));
        List<Gofers.Use> uses = List.of(use(a, false, "/"), use(b, false, "/b"), use(a, false, "/again"),
                use(a, true, "/a-ro"));
        try (Gofers g = Gofers.start(home(), uses, report, Gofers.Connector.PLAIN)) {
            assertThat(goferProcesses()).hasSize(3);
            List<java.nio.channels.ByteChannel> conns = g.connections();
            assertThat(conns).hasSize(4).allMatch(c -> ((SocketChannel) c).isConnected());
            for (java.nio.channels.ByteChannel c : conns) {
                assertThat(version(c)).isEqualTo("9P2000.L");
            }
            assertThat(g.describe()).contains(a + " pid ").contains(b + " pid ").contains(a + " (ro) pid ");
            g.closeConnections();
        }
        assertThat(reported.toString(StandardCharsets.UTF_8)).as("a stop is not a death").isEmpty();
    }

    @Test
    void socketsAreGoneOnceConnectedAndTheGofersStopAtClose() throws Exception {
        Path a = Files.createDirectories(work.resolve("a"));
        List<ProcessHandle> gofers;
        try (Gofers g = Gofers.start(home(), List.of(use(a, false, "/")), report, Gofers.Connector.PLAIN)) {
            gofers = goferProcesses();
            assertThat(gofers).hasSize(1);
            String args = String.join(" ", gofers.get(0).info().arguments().orElseThrow());
            String sock = args.replaceAll(".*--listen unix:(\\S+).*", "$1");
            assertThat(Path.of(sock)).doesNotExist();
            assertThat(Path.of(sock).getParent()).doesNotExist();
            g.closeConnections();
        }
        assertThat(gofers.get(0).onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
    }

    @Test
    void aDeadGoferIsReportedWithItsDirectoryAndMountPoints() throws Exception {
        Path a = Files.createDirectories(work.resolve("a"));
        try (Gofers g = Gofers.start(home(), List.of(use(a, false, "/"), use(a, false, "/data")), report, Gofers.Connector.PLAIN)) {
            ProcessHandle gofer = goferProcesses().get(0);
            gofer.destroyForcibly();
            gofer.onExit().get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reported.size() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(reported.toString(StandardCharsets.UTF_8)).isEqualTo("cairn: the gofer serving " + a + " (pid "
                    + gofer.pid() + ") exited with status 137; files under /, /data now fail with an I/O error "
                    + "(the sandbox stays up)" + System.lineSeparator());
            g.closeConnections();
        }
    }

    @Test
    void sigintAsFromACtrlCInTheTerminalLeavesTheGoferServing() throws Exception {
        Path a = Files.createDirectories(work.resolve("a"));
        try (Gofers g = Gofers.start(home(), List.of(use(a, false, "/")), report, Gofers.Connector.PLAIN)) {
            ProcessHandle gofer = goferProcesses().get(0);
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(gofer.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).isZero();
            assertThat(gofer.onExit().completeOnTimeout(null, 1, TimeUnit.SECONDS).get()).as("gofer exited").isNull();
            assertThat(version(g.connections().get(0))).isEqualTo("9P2000.L");
            g.closeConnections();
        }
        assertThat(reported.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aGoferThatCannotExportFailsTheStartAndLeavesNothingRunning() {
        Path missing = work.resolve("missing");
        assertThatThrownBy(() -> Gofers.start(home(), List.of(use(missing, false, "/")), report, Gofers.Connector.PLAIN))
                .isInstanceOf(CliException.class)
                .hasMessage("the gofer for " + missing + " exited with status 1 instead of listening (its messages are above)");
        assertThat(goferProcesses()).isEmpty();
    }
}
