package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The extended attributes of one node, in memory. Supported namespaces: {@code user.},
 * {@code trusted.} and {@code security.} (as Linux tmpfs); others, including POSIX ACLs
 * ({@code system.}), give EOPNOTSUPP. Not thread-safe: the owning node's monitor guards it.
 */
final class TmpfsXattrs {
    static final String USER = "user.";
    static final String TRUSTED = "trusted.";
    static final String SECURITY = "security.";
    /** XATTR_NAME_MAX and XATTR_SIZE_MAX of Linux. */
    static final int NAME_MAX = 255;
    static final int SIZE_MAX = 65536;

    private final Map<String, byte[]> values = new LinkedHashMap<>();

    static void checkName(String name) throws ErrnoException {
        if (name == null || name.isEmpty()) {
            throw Errno.ERANGE.exception("empty attribute name");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
            throw Errno.ERANGE.exception("attribute name longer than " + NAME_MAX + " bytes: " + name);
        }
        String prefix = name.startsWith(USER) ? USER
                : name.startsWith(TRUSTED) ? TRUSTED
                : name.startsWith(SECURITY) ? SECURITY : null;
        if (prefix == null) {
            throw Errno.EOPNOTSUPP.exception(name + ": attribute namespace not supported by tmpfs");
        }
        if (name.length() == prefix.length()) {
            throw Errno.EINVAL.exception(name + ": attribute name without a name after its namespace");
        }
    }

    static void checkValue(String name, byte[] value) throws ErrnoException {
        if (value != null && value.length > SIZE_MAX) {
            throw Errno.E2BIG.exception(name + ": value of " + value.length + " bytes exceeds " + SIZE_MAX);
        }
    }

    byte[] get(String name) {
        byte[] v = values.get(name);
        return v == null ? null : v.clone();
    }

    /** Inode space an attribute takes, as Linux's simple_xattr_space: 40 + name + value. */
    static long space(String name, int valueLength) {
        return 40L + name.getBytes(StandardCharsets.UTF_8).length + valueLength;
    }

    /** Inode space of all attributes. */
    long space() {
        long n = 0;
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            n += space(e.getKey(), e.getValue().length);
        }
        return n;
    }

    /** Sets an attribute; returns the value it replaced, or null. */
    byte[] set(String name, byte[] value, int flags) throws ErrnoException {
        boolean present = values.containsKey(name);
        if ((flags & Node.XATTR_CREATE) != 0 && present) {
            throw Errno.EEXIST.exception(name);
        }
        if ((flags & Node.XATTR_REPLACE) != 0 && !present) {
            throw Errno.ENODATA.exception(name);
        }
        return values.put(name, value == null ? new byte[0] : value.clone());
    }

    /** Removes an attribute; returns its value. */
    byte[] remove(String name) throws ErrnoException {
        byte[] old = values.remove(name);
        if (old == null) {
            throw Errno.ENODATA.exception(name);
        }
        return old;
    }

    List<String> names() {
        return List.copyOf(new ArrayList<>(values.keySet()));
    }
}
