package dev.cairn.vfs.core;

/**
 * A reusable, allocation-free lookup key for a component {@code path[start, end)} in a
 * {@code ConcurrentHashMap<String, Dentry>}: its hash equals {@link String#hashCode()} of the
 * component and {@link #equals} compares against a stored String key. Only ever passed to
 * {@code get}, whose contract calls {@code key.equals(storedKey)}; never stored.
 */
final class NameKey {
    private String path;
    private int start;
    private int len;
    private int hash;

    void set(String p, int s, int e) {
        path = p;
        start = s;
        len = e - s;
        int h = 0;
        for (int i = s; i < e; i++) {
            h = 31 * h + p.charAt(i);
        }
        hash = h;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof String s && s.length() == len && s.regionMatches(0, path, start, len);
    }

    @Override
    public String toString() {
        return path.substring(start, start + len);
    }
}
