package dev.cairn.vfs.tck;

import java.util.List;
import java.util.Set;

/**
 * One row of the oracle table: an operation sequence run both on a host tmpfs and on the VFS.
 *
 * @param topic  the suite that runs it ("paths", "permissions", ...)
 * @param name   what the case proves
 * @param expect the result the table expects of the last op ("ok", "ok value" or an errno
 *               name such as "ENOENT"); checked against the VFS always and against Linux when
 *               the host oracle runs, so a wrong table entry is caught; null for a generated
 *               row that only the host decides (skipped when the host oracle is unavailable)
 * @param ops    the operations, each a list of words (see {@link OpRunner} for the language)
 * @param needs  features the filesystem must have for the case to apply
 * @param sinceKernel the oldest Linux (major * 1000 + minor) that behaves as the table says,
 *               0 for any; on an older host the host's answer is not compared
 */
public record OracleCase(String topic, String name, String expect, List<List<String>> ops, Set<TckFeature> needs,
                         int sinceKernel) {
    public OracleCase {
        ops = ops.stream().map(List::copyOf).toList();
        needs = Set.copyOf(needs);
    }

    /** The case as one line of the host oracle's input (ops split by RS, words by US). */
    String wireFormat() {
        StringBuilder sb = new StringBuilder();
        for (List<String> op : ops) {
            if (sb.length() > 0) {
                sb.append('\u001e');
            }
            sb.append(String.join("\u001f", op));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return topic + ": " + name;
    }
}
