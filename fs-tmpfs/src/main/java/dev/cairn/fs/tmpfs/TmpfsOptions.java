package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountOptions;
import java.util.Set;

/**
 * Parsed tmpfs mount data, with Linux's syntax and Linux's way of showing it again.
 *
 * @param maxPages    page limit (0 = unlimited, as {@code size=0})
 * @param maxInodes   inode limit (0 = unlimited, as {@code nr_inodes=0})
 * @param mode        root permission bits, or -1 for the default of the root's type
 * @param uid         root owner, or -1 for the mounter's uid
 * @param gid         root group, or -1 for the mounter's gid
 * @param huge        the accepted {@code huge=} value (no effect), "never" by default
 * @param mpol        the {@code mpol=} policy as Linux shows it (no effect), "" for default
 * @param inode64     {@code inode64} was the last of inode64/inode32 (shown, no effect)
 * @param noswap      {@code noswap} was given (shown, no effect: nothing is ever swapped)
 * @param defaultPages the page limit Linux would use without {@code size=} (half of RAM)
 * @param defaultInodes the inode limit Linux would use without {@code nr_inodes=}
 */
record TmpfsOptions(long maxPages, long maxInodes, int mode, int uid, int gid, String huge, String mpol,
                    boolean inode64, boolean noswap, long defaultPages, long defaultInodes) {

    static final int PAGE_SIZE = 4096;
    private static final Set<String> HUGE = Set.of("never", "always", "within_size", "advise");
    private static final Set<String> QUOTA = Set.of("quota", "usrquota", "grpquota",
            "usrquota_block_hardlimit", "usrquota_inode_hardlimit", "grpquota_block_hardlimit",
            "grpquota_inode_hardlimit");

    /** Parses mount data; {@code ramPages} is the machine's RAM in 4 KiB pages (for % and defaults). */
    static TmpfsOptions parse(MountOptions options, long ramPages) throws ErrnoException {
        long half = Math.max(1, ramPages / 2);
        long pages = half;
        long inodes = half;
        int mode = -1;
        int uid = -1;
        int gid = -1;
        String huge = "never";
        String mpol = "";
        boolean inode64 = false;
        boolean noswap = false;
        for (MountOptions.Entry e : options.entries()) {
            String k = e.key();
            String v = e.value();
            switch (k) {
                case "size" -> pages = parseSize(value(e), ramPages);
                case "nr_inodes" -> inodes = parseMem(k, value(e), false);
                case "mode" -> mode = parseMode(value(e));
                case "uid" -> uid = parseId(k, value(e));
                case "gid" -> gid = parseId(k, value(e));
                case "huge" -> {
                    if (!HUGE.contains(value(e))) {
                        throw bad(k, v);
                    }
                    huge = v;
                }
                case "mpol" -> mpol = parseMpol(value(e));
                case "inode64", "inode32" -> {
                    flag(e);
                    inode64 = k.equals("inode64");
                }
                case "noswap" -> {
                    flag(e);
                    noswap = true;
                }
                default -> {
                    if (QUOTA.contains(k)) {
                        throw Errno.EINVAL.exception("tmpfs: mount option \"" + e + "\" is not supported (no quotas)");
                    }
                    throw Errno.EINVAL.exception("tmpfs: unknown mount option \"" + e + "\"");
                }
            }
        }
        return new TmpfsOptions(pages, inodes, mode, uid, gid, huge, mpol, inode64, noswap, half, half);
    }

    /** The filesystem part of mountinfo's super options, in Linux's order and spelling. */
    String superOptions(int rootMode, int rootUid, int rootGid, boolean directoryRoot) {
        StringBuilder sb = new StringBuilder();
        if (maxPages != defaultPages) {
            append(sb, "size=" + Long.toUnsignedString(maxPages * (PAGE_SIZE / 1024)) + "k");
        }
        if (maxInodes != defaultInodes) {
            append(sb, "nr_inodes=" + maxInodes);
        }
        int defaultMode = directoryRoot ? 01777 : 0777;
        if ((rootMode & 07777) != defaultMode) {
            append(sb, "mode=" + String.format("%03o", rootMode & 07777));
        }
        if (rootUid != 0) {
            append(sb, "uid=" + Integer.toUnsignedString(rootUid));
        }
        if (rootGid != 0) {
            append(sb, "gid=" + Integer.toUnsignedString(rootGid));
        }
        if (!huge.equals("never")) {
            append(sb, "huge=" + huge);
        }
        if (!mpol.isEmpty()) {
            append(sb, "mpol=" + mpol);
        }
        if (inode64) {
            append(sb, "inode64");
        }
        if (noswap) {
            append(sb, "noswap");
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String s) {
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(s);
    }

    private static String value(MountOptions.Entry e) throws ErrnoException {
        if (e.value() == null || e.value().isEmpty()) {
            throw bad(e.key(), e.value());
        }
        return e.value();
    }

    private static void flag(MountOptions.Entry e) throws ErrnoException {
        if (e.value() != null) {
            throw Errno.EINVAL.exception("tmpfs: unexpected value for '" + e.key() + "': \"" + e + "\"");
        }
    }

    private static ErrnoException bad(String key, String value) {
        return Errno.EINVAL.exception("tmpfs: bad value for '" + key + "': \"" + (value == null ? "" : value) + "\"");
    }

    /** {@code size=}: memparse syntax, optionally followed by '%' of RAM; rounded up to pages. */
    static long parseSize(String s, long ramPages) throws ErrnoException {
        boolean percent = s.endsWith("%");
        String num = percent ? s.substring(0, s.length() - 1) : s;
        long bytes = parseMem("size", num, true);
        if (percent) {
            try {
                bytes = Math.multiplyExact(Math.multiplyExact(bytes, (long) PAGE_SIZE), ramPages) / 100;
            } catch (ArithmeticException ex) {
                throw Errno.EINVAL.exception("tmpfs: value too large for 'size': \"" + s + "\"");
            }
        }
        return bytes / PAGE_SIZE + (bytes % PAGE_SIZE == 0 ? 0 : 1);
    }

    /**
     * Linux's memparse: a number in C syntax (0x hex, leading 0 octal, else decimal) with an
     * optional K/M/G/T/P/E suffix (either case). Linux wraps on overflow; we refuse it.
     */
    static long parseMem(String key, String s, boolean allowEmpty) throws ErrnoException {
        if (s.isEmpty()) {
            throw bad(key, s);
        }
        int shift = 0;
        char last = Character.toLowerCase(s.charAt(s.length() - 1));
        int idx = "kmgtpe".indexOf(last);
        String digits = s;
        if (idx >= 0) {
            shift = 10 * (idx + 1);
            digits = s.substring(0, s.length() - 1);
        }
        long n = parseCNumber(key, digits, s);
        if (shift > 0 && n != 0 && Long.numberOfLeadingZeros(n) <= shift) {
            throw Errno.EINVAL.exception("tmpfs: value too large for '" + key + "': \"" + s + "\"");
        }
        return n << shift;
    }

    private static long parseCNumber(String key, String digits, String whole) throws ErrnoException {
        int radix = 10;
        String d = digits;
        if (d.startsWith("0x") || d.startsWith("0X")) {
            radix = 16;
            d = d.substring(2);
        } else if (d.length() > 1 && d.charAt(0) == '0') {
            radix = 8;
            d = d.substring(1);
        }
        if (d.isEmpty() || d.charAt(0) == '+' || d.charAt(0) == '-') {
            throw bad(key, whole);
        }
        try {
            return Long.parseLong(d, radix);
        } catch (NumberFormatException ex) {
            if (allDigits(d, radix) && d.length() > 15) {
                throw Errno.EINVAL.exception("tmpfs: value too large for '" + key + "': \"" + whole + "\"");
            }
            throw bad(key, whole);
        }
    }

    private static boolean allDigits(String d, int radix) {
        for (int i = 0; i < d.length(); i++) {
            if (Character.digit(d.charAt(i), radix) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code mode=}: octal, at most 32 bits, masked to 07777 as Linux does. */
    static int parseMode(String s) throws ErrnoException {
        try {
            if (s.charAt(0) == '+' || s.charAt(0) == '-') {
                throw new NumberFormatException(s);
            }
            long v = Long.parseLong(s, 8);
            if (v > 0xffffffffL) {
                throw new NumberFormatException(s);
            }
            return (int) (v & 07777);
        } catch (NumberFormatException ex) {
            throw bad("mode", s);
        }
    }

    /** {@code uid=}/{@code gid=}: unsigned 32-bit in C syntax; 4294967295 (-1) is invalid. */
    static int parseId(String key, String s) throws ErrnoException {
        long v = parseCNumber(key, s, s);
        if (v < 0 || v > 0xffffffffL) {
            throw bad(key, s);
        }
        if (v == 0xffffffffL) {
            throw Errno.EINVAL.exception("tmpfs: invalid " + key + " '" + s + "'");
        }
        return (int) v;
    }

    /**
     * {@code mpol=MODE[=static|relative][:NODELIST]} with Linux's rules on a machine with one
     * NUMA node (0), returned as Linux shows it ("" for default).
     */
    static String parseMpol(String s) throws ErrnoException {
        int colon = s.indexOf(':');
        String nodes = colon < 0 ? null : s.substring(colon + 1);
        String head = colon < 0 ? s : s.substring(0, colon);
        int eq = head.indexOf('=');
        String mode = eq < 0 ? head : head.substring(0, eq);
        String flags = eq < 0 ? "" : head.substring(eq);
        if (!flags.isEmpty() && !flags.equals("=static") && !flags.equals("=relative")) {
            throw bad("mpol", s);
        }
        if (nodes != null && !nodes.equals("0")) {
            throw bad("mpol", s); // nodes must be online: Cairn has only node 0
        }
        switch (mode) {
            case "default", "local" -> {
                if (nodes != null || !flags.isEmpty()) {
                    throw bad("mpol", s);
                }
                return mode.equals("default") ? "" : "local";
            }
            case "prefer" -> {
                return nodes == null ? "local" : "prefer" + flags + ":0";
            }
            case "bind" -> {
                if (nodes == null) {
                    throw bad("mpol", s);
                }
                return "bind" + flags + ":0";
            }
            case "interleave", "weighted_interleave" -> {
                return mode + flags + ":0";
            }
            default -> throw bad("mpol", s);
        }
    }
}
