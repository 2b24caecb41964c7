package dev.cairn.shell;

import dev.cairn.vfs.FileType;
import dev.cairn.vfs.Stat;

/** Mode strings and mode parsing as coreutils prints and reads them. */
final class Modes {
    private Modes() {
    }

    /** The ten-character mode of {@code ls -l}, e.g. {@code crw-rw-rw-} or {@code drwxrwxrwt}. */
    static String modeString(int mode) {
        StringBuilder sb = new StringBuilder(10);
        sb.append(typeChar(mode));
        sb.append(triplet(mode >> 6, (mode & 04000) != 0, 's'));
        sb.append(triplet(mode >> 3, (mode & 02000) != 0, 's'));
        sb.append(triplet(mode, (mode & 01000) != 0, 't'));
        return sb.toString();
    }

    private static char typeChar(int mode) {
        for (FileType t : FileType.values()) {
            if ((mode & FileType.S_IFMT) == t.bits()) {
                return t.lsChar();
            }
        }
        return '?';
    }

    private static String triplet(int bits, boolean special, char specialChar) {
        char r = (bits & 4) != 0 ? 'r' : '-';
        char w = (bits & 2) != 0 ? 'w' : '-';
        boolean x = (bits & 1) != 0;
        char xc;
        if (special) {
            xc = x ? specialChar : Character.toUpperCase(specialChar);
        } else {
            xc = x ? 'x' : '-';
        }
        return "" + r + w + xc;
    }

    /** What {@code stat} calls the file type ("regular file", "directory", ...). */
    static String typeName(Stat st) {
        switch (st.mode() & FileType.S_IFMT) {
            case 0100000:
                return st.size() == 0 ? "regular empty file" : "regular file";
            case 0040000:
                return "directory";
            case 0120000:
                return "symbolic link";
            case 0020000:
                return "character special file";
            case 0060000:
                return "block special file";
            case 0010000:
                return "fifo";
            case 0140000:
                return "socket";
            default:
                return "weird file";
        }
    }

    /**
     * Applies a chmod mode: octal ({@code 755}, {@code 1777}) or symbolic clauses
     * ({@code u+x}, {@code go-w}, {@code a=r}, {@code +t}), comma-separated, to {@code old}.
     *
     * @return the new permission bits (07777)
     * @throws IllegalArgumentException when the mode is malformed
     */
    static int applyChmod(String spec, int old, boolean isDir) {
        if (spec.isEmpty()) {
            throw new IllegalArgumentException(spec);
        }
        if (spec.chars().allMatch(c -> c >= '0' && c <= '7')) {
            if (spec.length() > 4) {
                throw new IllegalArgumentException(spec);
            }
            return Integer.parseInt(spec, 8);
        }
        int mode = old & 07777;
        for (String clause : spec.split(",", -1)) {
            mode = applyClause(clause, mode, isDir);
        }
        return mode;
    }

    private static int applyClause(String clause, int mode, boolean isDir) {
        int i = 0;
        int who = 0;
        while (i < clause.length() && "ugoa".indexOf(clause.charAt(i)) >= 0) {
            char c = clause.charAt(i++);
            who |= c == 'u' ? 04700 : c == 'g' ? 02070 : c == 'o' ? 01007 : 07777;
        }
        boolean whoGiven = who != 0;
        if (!whoGiven) {
            who = 07777;
        }
        if (i >= clause.length()) {
            throw new IllegalArgumentException(clause);
        }
        while (i < clause.length()) {
            char op = clause.charAt(i++);
            if ("+-=".indexOf(op) < 0) {
                throw new IllegalArgumentException(clause);
            }
            int perm = 0;
            while (i < clause.length() && "rwxXst".indexOf(clause.charAt(i)) >= 0) {
                char p = clause.charAt(i++);
                perm |= switch (p) {
                    case 'r' -> 0444;
                    case 'w' -> 0222;
                    case 'x' -> 0111;
                    case 'X' -> (isDir || (mode & 0111) != 0) ? 0111 : 0;
                    case 's' -> 06000;
                    default -> 01000;
                };
            }
            // Without u/g/o/a coreutils also masks with the umask; Cairn's chmod does not.
            int bits = perm & who;
            if (op == '+') {
                mode |= bits;
            } else if (op == '-') {
                mode &= ~bits;
            } else {
                mode = (mode & ~who) | bits;
            }
        }
        return mode;
    }
}
