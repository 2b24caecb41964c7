package dev.cairn.vfs.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** util-linux findmnt as an independent parser of mountinfo/mounts text ({@code --tab-file}). */
final class Findmnt {
    private static final Pattern PAIR = Pattern.compile("([A-Z:-]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Findmnt() {
    }

    static boolean available() {
        return HostOracle.onPath("findmnt");
    }

    /** One map per mount line, keys as findmnt's column names; findmnt's stderr must stay empty. */
    static List<Map<String, String>> parse(String text, String columns) throws IOException, InterruptedException {
        Path file = Files.createTempFile("cairn-tck-mounts", ".txt");
        Path err = Files.createTempFile("cairn-tck-findmnt", ".err");
        try {
            Files.writeString(file, text);
            Process p = new ProcessBuilder("findmnt", "--tab-file", file.toString(), "-n", "-P", "-o", columns)
                    .redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("findmnt did not finish");
            }
            String errors = Files.readString(err).strip();
            if (!errors.isEmpty()) {
                throw new AssertionError("findmnt rejected the text: " + errors + "\n" + text);
            }
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, String> row = new LinkedHashMap<>();
                Matcher m = PAIR.matcher(line);
                while (m.find()) {
                    row.put(m.group(1), unescape(m.group(2)));
                }
                rows.add(row);
            }
            return rows;
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(err);
        }
    }

    /** findmnt -P escapes unsafe bytes as \xHH. */
    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x') {
                sb.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
