package dev.cairn.vfs.tck;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole oracle table, by topic. Every row is run on a host tmpfs (when the host oracle is
 * available) and on the VFS under test; see {@link HostOracle} and {@link OpRunner}.
 */
public final class OracleCases {
    private static final List<OracleCase> ALL = build();

    private OracleCases() {
    }

    public static List<OracleCase> all() {
        return ALL;
    }

    public static List<OracleCase> topic(String topic) {
        return ALL.stream().filter(c -> c.topic().equals(topic)).toList();
    }

    private static List<OracleCase> build() {
        List<OracleCase> all = new ArrayList<>();
        all.addAll(PathCases.cases());
        all.addAll(PermissionCases.cases());
        all.addAll(OpenCases.cases());
        all.addAll(DataCases.cases());
        all.addAll(LinkCases.cases());
        all.addAll(RenameCases.cases());
        all.addAll(XattrCases.cases());
        all.addAll(NodeCases.cases());
        all.addAll(MatrixCases.cases());
        return List.copyOf(all);
    }
}
