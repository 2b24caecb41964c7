package dev.cairn.fs.devtmpfs;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountOptions;
import java.util.Set;

/**
 * Mount-option checking for devtmpfs. Linux passes devtmpfs options to the tmpfs parser, so
 * unknown keys and malformed values fail with EINVAL, but the values are then ignored because
 * the superblock is shared. Cairn does the same.
 */
final class DevtmpfsOptions {
    private static final Set<String> WITH_VALUE =
            Set.of("size", "nr_blocks", "nr_inodes", "mode", "uid", "gid", "huge", "mpol");
    private static final Set<String> FLAGS = Set.of("inode32", "inode64", "noswap");
    private static final Set<String> KNOWN;
    private static final Set<String> HUGE = Set.of("never", "always", "within_size", "advise", "deny", "force");
    private static final Set<String> MPOL =
            Set.of("default", "prefer", "bind", "interleave", "local", "weighted_interleave");

    static {
        java.util.HashSet<String> all = new java.util.HashSet<>(WITH_VALUE);
        all.addAll(FLAGS);
        KNOWN = Set.copyOf(all);
    }

    private DevtmpfsOptions() {
    }

    /** @throws ErrnoException EINVAL naming the first bad option */
    static void validate(MountOptions options) throws ErrnoException {
        options.requireOnly(DevtmpfsType.NAME, KNOWN);
        for (MountOptions.Entry e : options.entries()) {
            if (FLAGS.contains(e.key())) {
                if (e.value() != null) {
                    throw bad(e, "takes no value");
                }
                continue;
            }
            if (e.value() == null || e.value().isEmpty()) {
                throw bad(e, "needs a value");
            }
            checkValue(e);
        }
    }

    private static void checkValue(MountOptions.Entry e) throws ErrnoException {
        String v = e.value();
        switch (e.key()) {
            case "size" -> {
                if (!(v.endsWith("%") ? isNumber(v.substring(0, v.length() - 1)) : isMemSize(v))) {
                    throw bad(e, "not a size");
                }
            }
            case "nr_blocks", "nr_inodes" -> {
                if (!isMemSize(v)) {
                    throw bad(e, "not a number");
                }
            }
            case "mode" -> {
                if (!v.matches("[0-7]{1,11}") || Long.parseLong(v, 8) > 0xffffffffL) {
                    throw bad(e, "not an octal mode");
                }
            }
            case "uid", "gid" -> {
                if (!v.matches("[0-9]{1,10}") || Long.parseLong(v) >= 0xffffffffL) {
                    throw bad(e, "not an id");
                }
            }
            case "huge" -> {
                if (!HUGE.contains(v)) {
                    throw bad(e, "unknown huge page policy");
                }
            }
            default -> {
                String policy = v.split("[:=]", 2)[0];
                if (!MPOL.contains(policy)) {
                    throw bad(e, "unknown memory policy");
                }
            }
        }
    }

    /** A decimal number with an optional k/m/g/t/p/e suffix (Linux memparse). */
    private static boolean isMemSize(String v) {
        char last = Character.toLowerCase(v.charAt(v.length() - 1));
        String digits = "kmgtpe".indexOf(last) >= 0 ? v.substring(0, v.length() - 1) : v;
        return isNumber(digits);
    }

    private static boolean isNumber(String v) {
        return v.matches("[0-9]{1,19}");
    }

    private static ErrnoException bad(MountOptions.Entry e, String why) {
        return Errno.EINVAL.exception(DevtmpfsType.NAME + ": bad mount option \"" + e + "\": " + why);
    }
}
