package dev.cairn.vfs.tck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real tmpfs mounted on the host for a moment, to read the line Linux writes for it in
 * /proc/self/mountinfo (the oracle for the mount-table text).
 */
final class HostMount {
    private HostMount() {
    }

    /**
     * Mounts a host tmpfs at {@code base/name} with {@code options} ("" for none), returns its
     * mountinfo line, and unmounts it.
     */
    static String mountinfoLine(String name, String options) throws IOException, InterruptedException {
        Path base = Files.createTempDirectory("cairn-tck-mnt");
        Path point = base.resolve(name);
        Files.createDirectory(point);
        try {
            run(options.isEmpty() ? List.of("mount", "-t", "tmpfs", "none", point.toString())
                    : List.of("mount", "-t", "tmpfs", "-o", options, "none", point.toString()));
            try {
                String escaped = escape(point.toString());
                for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                    if (line.split(" ")[4].equals(escaped)) {
                        return line;
                    }
                }
                throw new IOException("no mountinfo line for " + escaped);
            } finally {
                run(List.of("umount", point.toString()));
            }
        } finally {
            Files.deleteIfExists(point);
            Files.deleteIfExists(base);
        }
    }

    /** Linux's mountinfo escaping of a path: space, tab, newline and backslash as octal. */
    static String escape(String path) {
        return path.replace("\\", "\\134").replace(" ", "\\040").replace("\t", "\\011").replace("\n", "\\012");
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
        }
    }
}
