package dev.cairn.dev.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.Task;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Linux is the oracle: the same sequence of calls on the host's /dev node (through python3's
 * os module) and on Cairn's device must give the same results, errno for errno. One python3
 * run answers for all five devices.
 */
class HostOracleTest {
    private static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom");

    /**
     * For each device given: "== name", its stat line, then the call sequence that
     * {@link #cairn} mirrors step by step.
     */
    private static final String SCRIPT = String.join("\n",
            "import os, errno, sys",
            "def r(f):",
            "    try: return str(f())",
            "    except OSError as e: return errno.errorcode[e.errno]",
            "for name in sys.argv[1:]:",
            "    path = '/dev/' + name",
            "    st = os.stat(path)",
            "    out = ['== ' + name,",
            "           'mode=%o rdev=%d:%d' % (st.st_mode, os.major(st.st_rdev), os.minor(st.st_rdev))]",
            "    fd = os.open(path, os.O_RDWR)",
            "    data = os.read(fd, 100)",
            "    out.append('read100=%d zeros=%s' % (len(data), data == bytes(len(data))))",
            "    out.append('read0=' + r(lambda: len(os.read(fd, 0))))",
            "    for off, wh in [(0, 1), (10, 0), (5, 1), (0, 2), (-5, 0), (3, 2), (0, 3), (0, 4), (0, 9)]:",
            "        out.append('lseek(%d,%d)=%s' % (off, wh, r(lambda: os.lseek(fd, off, wh))))",
            "    out.append('write10=' + r(lambda: os.write(fd, b'x' * 10)))",
            "    out.append('write0=' + r(lambda: os.write(fd, b'')))",
            "    out.append('pread10@100=' + r(lambda: len(os.pread(fd, 10, 100))))",
            "    out.append('pwrite2@100=' + r(lambda: os.pwrite(fd, b'ab', 100)))",
            "    out.append('lseekEnd=' + r(lambda: os.lseek(fd, 0, 1)))",
            "    os.close(fd)",
            "    print('\\n'.join(out))");

    private static final int[][] SEEKS = {{0, 1}, {10, 0}, {5, 1}, {0, 2}, {-5, 0}, {3, 2}, {0, 3}, {0, 4}, {0, 9}};

    /** The host's answers per device, from one python3 run; guarded by the class. */
    private static Map<String, List<String>> hostAnswers;

    @ParameterizedTest
    @ValueSource(strings = {"null", "zero", "full", "random", "urandom"})
    void theNodeStatsAsTheHostNode(String name) throws Exception {
        List<String> host = host(name);
        Stat st = new MemSandbox().task.stat("/" + name);

        assertThat("mode=" + Integer.toOctalString(st.mode()) + " rdev=" + st.rdevMajor() + ":" + st.rdevMinor())
                .isEqualTo(host.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "zero", "full", "random", "urandom"})
    void cairnAnswersEveryCallAsTheHostDevice(String name) throws Exception {
        List<String> host = host(name);

        List<String> ours = cairn(new MemSandbox().task, "/" + name);

        assertThat(ours).containsExactlyElementsOf(host.subList(1, host.size()));
    }

    private static synchronized List<String> host(String name) throws IOException, InterruptedException {
        if (hostAnswers == null) {
            hostAnswers = runHost();
        }
        assumeTrue(hostAnswers.containsKey(name), "host has no /dev/" + name);
        return hostAnswers.get(name);
    }

    private static Map<String, List<String>> runHost() throws IOException, InterruptedException {
        List<String> present = DEVICES.stream().filter(d -> Files.exists(Path.of("/dev", d))).toList();
        assumeTrue(!present.isEmpty(), "host has none of the memory devices");
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", SCRIPT));
        cmd.addAll(present);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException noPython) {
            assumeTrue(false, "python3 is not installed: " + noPython.getMessage());
            return Map.of();
        }
        assumeTrue(p.waitFor(20, TimeUnit.SECONDS), "python3 did not finish");
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.exitValue() == 0, "host oracle failed: " + text);
        Map<String, List<String>> out = new HashMap<>();
        List<String> current = null;
        for (String line : text.lines().toList()) {
            if (line.startsWith("== ")) {
                current = new ArrayList<>();
                out.put(line.substring(3), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        return out;
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
