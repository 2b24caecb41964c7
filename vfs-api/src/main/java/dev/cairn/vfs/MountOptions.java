package dev.cairn.vfs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Filesystem-specific mount data, the {@code data} string of mount(2): comma-separated
 * {@code key} or {@code key=value} entries, kept in order. Immutable.
 *
 * <p>Filesystems call {@link #requireOnly(String, Set)} first so that an unknown key fails
 * with EINVAL naming it, as Linux tmpfs and v9fs do.
 */
public record MountOptions(String raw, List<Entry> entries) {
    /** One entry; {@code value} is null for a bare flag such as {@code ro}. */
    public record Entry(String key, String value) {
        @Override
        public String toString() {
            return value == null ? key : key + "=" + value;
        }
    }

    public static final MountOptions EMPTY = new MountOptions("", List.of());

    public MountOptions {
        raw = raw == null ? "" : raw;
        entries = List.copyOf(entries);
    }

    /**
     * Parses {@code a=b,c}. Empty entries (",,") are skipped, as Linux does.
     * An entry's value is everything after its first '='.
     */
    public static MountOptions parse(String data) {
        if (data == null || data.isEmpty()) {
            return EMPTY;
        }
        List<Entry> out = new ArrayList<>();
        for (String part : data.split(",", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            out.add(eq < 0 ? new Entry(part, null) : new Entry(part.substring(0, eq), part.substring(eq + 1)));
        }
        return new MountOptions(data, out);
    }

    /** Options from a map, in its iteration order; null values are bare flags. */
    public static MountOptions of(Map<String, String> map) {
        List<Entry> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(new Entry(k, v)));
        StringBuilder sb = new StringBuilder();
        for (Entry e : out) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e);
        }
        return new MountOptions(sb.toString(), out);
    }

    /** The value of the last entry with this key (later entries win, as in Linux). */
    public Optional<String> get(String key) {
        String v = null;
        boolean found = false;
        for (Entry e : entries) {
            if (e.key.equals(key)) {
                v = e.value;
                found = true;
            }
        }
        return found ? Optional.ofNullable(v == null ? "" : v) : Optional.empty();
    }

    public boolean has(String key) {
        for (Entry e : entries) {
            if (e.key.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** Last value per key, in first-seen order. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Entry e : entries) {
            m.put(e.key, e.value);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Fails when an entry's key is not in {@code known}.
     *
     * @param fsName the filesystem's name, for the message
     * @throws ErrnoException EINVAL naming the first unknown key
     */
    public void requireOnly(String fsName, Set<String> known) throws ErrnoException {
        for (Entry e : entries) {
            if (!known.contains(e.key)) {
                throw Errno.EINVAL.exception(fsName + ": unknown mount option \"" + e + "\"");
            }
        }
    }

    @Override
    public String toString() {
        return raw;
    }
}
