package dev.cairn.vfs.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Linux as the oracle: runs every {@link OracleCase} once per JVM on a fresh host tmpfs with
 * python3's {@code os} module ({@code oracle.py}, one process for all cases) and keeps the
 * results. Unavailable (with a reason) when not root, when python3 or mount(8) is missing or
 * refuses, or when {@code -Dcairn.tck.hostOracle=false}.
 */
public final class HostOracle {
    private static final long TIMEOUT_SECONDS = 120;
    /** The host's Linux version as major * 1000 + minor (0 when unknown). */
    static final int KERNEL = kernelVersion();
    private static HostOracle instance;

    private final List<OracleCase> cases;
    private final List<List<String>> results;
    private final String unavailableReason;

    private HostOracle(List<OracleCase> cases, List<List<String>> results, String unavailableReason) {
        this.cases = cases;
        this.results = results;
        this.unavailableReason = unavailableReason;
    }

    /** The oracle for all cases of {@link OracleCases#all()}, computed on first use. */
    public static synchronized HostOracle get() {
        if (instance == null) {
            instance = compute(OracleCases.all());
        }
        return instance;
    }

    /** Why the host could not answer, or empty when it did. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    /**
     * What Linux answered for {@code c} (results normalised to errno names); empty when the
     * oracle is unavailable or the host kernel predates the behaviour the row describes.
     */
    public Optional<List<String>> resultsFor(OracleCase c) {
        if (unavailableReason != null || KERNEL < c.sinceKernel()) {
            return Optional.empty();
        }
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i) == c) {
                return Optional.of(results.get(i));
            }
        }
        return Optional.empty();
    }

    private static int kernelVersion() {
        try {
            String[] v = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip().split("[.-]");
            return Integer.parseInt(v[0]) * 1000 + Integer.parseInt(v[1]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static HostOracle compute(List<OracleCase> cases) {
        String reason = precondition();
        if (reason != null) {
            return new HostOracle(cases, List.of(), reason);
        }
        try {
            return new HostOracle(cases, runPython(cases), null);
        } catch (IOException | UncheckedIOException e) {
            return new HostOracle(cases, List.of(), "host oracle failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HostOracle(cases, List.of(), "host oracle interrupted");
        }
    }

    /** Why this host cannot run Linux-side checks (root, Linux, python3, mount), or null. */
    static String precondition() {
        if ("false".equals(System.getProperty("cairn.tck.hostOracle"))) {
            return "host oracle disabled by -Dcairn.tck.hostOracle=false";
        }
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return "host oracle needs Linux (os.name=" + System.getProperty("os.name") + ")";
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:") && !line.split("\\s+")[2].equals("0")) {
                    return "host oracle needs root to mount a tmpfs (effective uid " + line.split("\\s+")[2] + ")";
                }
            }
        } catch (IOException e) {
            return "host oracle cannot read /proc/self/status: " + e.getMessage();
        }
        if (!onPath("python3")) {
            return "host oracle needs python3 on PATH";
        }
        if (!onPath("mount")) {
            return "host oracle needs mount(8) on PATH";
        }
        return null;
    }

    static boolean onPath(String exe) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Arrays.stream(path.split(":")).anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, exe)));
    }

    private static List<List<String>> runPython(List<OracleCase> cases) throws IOException, InterruptedException {
        Path script = Files.createTempFile("cairn-tck-oracle", ".py");
        try {
            try (InputStream in = HostOracle.class.getResourceAsStream("oracle.py")) {
                if (in == null) {
                    throw new IOException("oracle.py missing from the vfs-tck jar");
                }
                Files.write(script, in.readAllBytes());
            }
            Path err = Files.createTempFile("cairn-tck-oracle", ".err");
            try {
                Process p = new ProcessBuilder("python3", script.toString()).redirectError(err.toFile()).start();
                try (OutputStream os = p.getOutputStream()) {
                    StringBuilder sb = new StringBuilder();
                    for (OracleCase c : cases) {
                        sb.append(c.wireFormat()).append('\n');
                    }
                    os.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                }
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("python3 oracle did not finish in " + TIMEOUT_SECONDS + " s");
                }
                if (p.exitValue() != 0) {
                    throw new IOException("python3 oracle exited " + p.exitValue() + ": "
                            + Files.readString(err).strip());
                }
                return parse(new String(out, StandardCharsets.UTF_8), cases.size());
            } finally {
                Files.deleteIfExists(err);
            }
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static List<List<String>> parse(String out, int expected) throws IOException {
        List<List<String>> results = new ArrayList<>();
        for (int i = 0; i < expected; i++) {
            results.add(null);
        }
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int gs = line.indexOf('\u001d');
            int index = Integer.parseInt(line.substring(0, gs));
            List<String> r = new ArrayList<>();
            for (String s : line.substring(gs + 1).split("\u001f", -1)) {
                r.add(OpRunner.normalizeHost(s));
            }
            results.set(index, List.copyOf(r));
        }
        for (int i = 0; i < expected; i++) {
            if (results.get(i) == null) {
                throw new IOException("python3 oracle gave no result for case " + i);
            }
        }
        return results;
    }
}
