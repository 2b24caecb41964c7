package dev.cairn.vfs.tck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A small builder for rows of {@link OracleCase}: ops are written as space-separated words. */
final class OracleTable {
    private final String topic;
    private final List<OracleCase> cases = new ArrayList<>();
    private Set<TckFeature> needs = EnumSet.noneOf(TckFeature.class);
    private int sinceKernel;

    OracleTable(String topic) {
        this.topic = topic;
    }

    /** Rows added after this call need {@code features} (until the next call). */
    OracleTable needs(TckFeature... features) {
        needs = features.length == 0 ? EnumSet.noneOf(TckFeature.class) : EnumSet.copyOf(Arrays.asList(features));
        return this;
    }

    /** Rows added after this call describe Linux from version major.minor on (until the next call). */
    OracleTable since(int major, int minor) {
        sinceKernel = major * 1000 + minor;
        return this;
    }

    /** Adds a row; each op is one string of words separated by single spaces. */
    OracleTable c(String name, String expect, String... ops) {
        List<List<String>> parsed = new ArrayList<>();
        for (String op : ops) {
            parsed.add(List.of(op.split(" ", -1)));
        }
        cases.add(new OracleCase(topic, name, expect, parsed, needs, sinceKernel));
        return this;
    }

    /** Adds a row that only the host decides (no table expectation). */
    OracleTable hostOnly(String name, List<String> ops) {
        return c(name, null, ops.toArray(String[]::new));
    }

    List<OracleCase> cases() {
        return List.copyOf(cases);
    }
}
