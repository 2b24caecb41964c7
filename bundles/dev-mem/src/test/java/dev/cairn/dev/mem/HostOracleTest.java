package dev.cairn.dev.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Task;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Linux is the oracle: the same sequence of calls on the host's /dev node (through python3's
 * os module) and on Cairn's device must give the same results, errno for errno.
 */
class HostOracleTest {
    /** The call sequence, written once for the host; {@link #cairn} mirrors it step by step. */
    private static final String SCRIPT = String.join("\n",
            "import os, errno, sys",
            "fd = os.open(sys.argv[1], os.O_RDWR)",
            "def r(f):",
            "    try: return str(f())",
            "    except OSError as e: return errno.errorcode[e.errno]",
            "out = []",
            "data = os.read(fd, 100)",
            "out.append('read100=%d zeros=%s' % (len(data), data == bytes(len(data))))",
            "out.append('read0=' + r(lambda: len(os.read(fd, 0))))",
            "for off, wh in [(0, 1), (10, 0), (5, 1), (0, 2), (-5, 0), (3, 2), (0, 3), (0, 4), (0, 9)]:",
            "    out.append('lseek(%d,%d)=%s' % (off, wh, r(lambda: os.lseek(fd, off, wh))))",
            "out.append('write10=' + r(lambda: os.write(fd, b'x' * 10)))",
            "out.append('write0=' + r(lambda: os.write(fd, b'')))",
            "out.append('pread10@100=' + r(lambda: len(os.pread(fd, 10, 100))))",
            "out.append('pwrite2@100=' + r(lambda: os.pwrite(fd, b'ab', 100)))",
            "out.append('lseekEnd=' + r(lambda: os.lseek(fd, 0, 1)))",
            "print('\\n'.join(out))");

    private static final int[][] SEEKS = {{0, 1}, {10, 0}, {5, 1}, {0, 2}, {-5, 0}, {3, 2}, {0, 3}, {0, 4}, {0, 9}};

    @ParameterizedTest
    @ValueSource(strings = {"null", "zero", "full", "random", "urandom"})
    void cairnAnswersEveryCallAsTheHostDevice(String name) throws Exception {
        List<String> host = host(name);

        List<String> ours = cairn(new MemSandbox().task, "/" + name);

        assertThat(ours).containsExactlyElementsOf(host);
    }

    private static final String STAT_SCRIPT = String.join("\n",
            "import os, stat, sys",
            "st = os.stat(sys.argv[1])",
            "print('mode=%o rdev=%d:%d' % (st.st_mode, os.major(st.st_rdev), os.minor(st.st_rdev)))");

    @ParameterizedTest
    @ValueSource(strings = {"null", "zero", "full", "random", "urandom"})
    void theNodeStatsAsTheHostNode(String name) throws Exception {
        List<String> host = run(STAT_SCRIPT, name);
        dev.cairn.vfs.Stat st = new MemSandbox().task.stat("/" + name);

        assertThat(List.of("mode=" + Integer.toOctalString(st.mode()) + " rdev=" + st.rdevMajor() + ":"
                + st.rdevMinor())).containsExactlyElementsOf(host);
    }

    private static List<String> host(String name) throws IOException, InterruptedException {
        return run(SCRIPT, name);
    }

    private static List<String> run(String script, String name) throws IOException, InterruptedException {
        Path node = Path.of("/dev", name);
        assumeTrue(Files.exists(node), "host has no " + node);
        ProcessBuilder pb = new ProcessBuilder("python3", "-c", script, node.toString()).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException noPython) {
            assumeTrue(false, "python3 is not installed: " + noPython.getMessage());
            return List.of();
        }
        assumeTrue(p.waitFor(20, TimeUnit.SECONDS), "python3 did not finish");
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.exitValue() == 0, "host oracle failed: " + text);
        return text.lines().toList();
    }

    private static List<String> cairn(Task t, String path) throws ErrnoException {
        int fd = t.open(path, OpenFlags.O_RDWR);
        List<String> out = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(100);
        int n = t.read(fd, buf);
        boolean zeros = true;
        for (int i = 0; i < n; i++) {
            zeros &= buf.get(i) == 0;
        }
        out.add("read100=" + n + " zeros=" + (zeros ? "True" : "False"));
        out.add("read0=" + call(() -> t.read(fd, ByteBuffer.allocate(0))));
        for (int[] s : SEEKS) {
            out.add("lseek(" + s[0] + "," + s[1] + ")=" + call(() -> t.lseek(fd, s[0], s[1])));
        }
        out.add("write10=" + call(() -> t.write(fd, ByteBuffer.wrap(new byte[10]))));
        out.add("write0=" + call(() -> t.write(fd, ByteBuffer.allocate(0))));
        out.add("pread10@100=" + call(() -> t.pread(fd, ByteBuffer.allocate(10), 100)));
        out.add("pwrite2@100=" + call(() -> t.pwrite(fd, ByteBuffer.wrap(new byte[2]), 100)));
        out.add("lseekEnd=" + call(() -> t.lseek(fd, 0, 1)));
        t.close(fd);
        return out;
    }

    @FunctionalInterface
    private interface Call {
        long run() throws ErrnoException;
    }

    private static String call(Call c) {
        try {
            return Long.toString(c.run());
        } catch (ErrnoException e) {
            return e.errno().name();
        }
    }
}
