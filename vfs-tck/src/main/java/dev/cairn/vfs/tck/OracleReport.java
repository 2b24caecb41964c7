package dev.cairn.vfs.tck;

import java.util.List;

/** A readable side-by-side of one oracle row: op, the VFS's result, Linux's result. */
final class OracleReport {
    private OracleReport() {
    }

    static String describe(OracleCase c, List<String> vfs, List<String> linux) {
        StringBuilder sb = new StringBuilder(c.toString()).append(c.expect() == null ? " (host decides)\n" : " (table expects " + c.expect() + ")\n");
        for (int i = 0; i < c.ops().size(); i++) {
            String op = String.join(" ", c.ops().get(i));
            if (op.length() > 60) {
                op = op.substring(0, 57) + "...";
            }
            String v = i < vfs.size() ? vfs.get(i) : "-";
            String l = linux == null ? "(no host oracle)" : linux.get(i);
            sb.append(String.format("  %-60s vfs=%-28s linux=%s%s%n", op, v, l, v.equals(l) ? "" : "   <-- differs"));
        }
        return sb.toString();
    }
}
