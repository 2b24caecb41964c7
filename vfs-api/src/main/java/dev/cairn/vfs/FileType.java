package dev.cairn.vfs;

/** The kind of a node, with its {@code S_IFMT} bits and its {@code d_type} value. */
public enum FileType {
    FIFO(0010000, 1, 'p'),
    CHAR_DEVICE(0020000, 2, 'c'),
    DIRECTORY(0040000, 4, 'd'),
    BLOCK_DEVICE(0060000, 6, 'b'),
    REGULAR(0100000, 8, '-'),
    SYMLINK(0120000, 10, 'l'),
    SOCKET(0140000, 12, 's');

    /** Mask of the file type bits in a mode. */
    public static final int S_IFMT = 0170000;

    /** By S_IFMT value >> 12 (no values() copy per call). */
    private static final FileType[] BY_BITS = new FileType[16];

    static {
        for (FileType f : values()) {
            BY_BITS[f.bits >> 12] = f;
        }
    }

    private final int bits;
    private final int direntType;
    private final char lsChar;

    FileType(int bits, int direntType, char lsChar) {
        this.bits = bits;
        this.direntType = direntType;
        this.lsChar = lsChar;
    }

    /** The S_IF* bits, e.g. 0100000 for a regular file. */
    public int bits() {
        return bits;
    }

    /** The DT_* value readdir reports. */
    public int direntType() {
        return direntType;
    }

    /** The first character of {@code ls -l}. */
    public char lsChar() {
        return lsChar;
    }

    /**
     * The type encoded in a full mode.
     *
     * @throws ErrnoException EINVAL when the type bits name no file type
     */
    public static FileType ofMode(int mode) throws ErrnoException {
        FileType f = BY_BITS[(mode & S_IFMT) >> 12];
        if (f != null) {
            return f;
        }
        throw Errno.EINVAL.exception("mode 0" + Integer.toOctalString(mode) + " has no file type");
    }
}
