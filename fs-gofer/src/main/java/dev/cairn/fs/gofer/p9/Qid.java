package dev.cairn.fs.gofer.p9;

/**
 * A server's unique identity of a file: its kind ({@link #QTDIR}, {@link #QTSYMLINK},
 * {@link #QTFILE}), a version and a path number (the host inode).
 */
public record Qid(int type, int version, long path) {
    public static final int QTDIR = 0x80;
    public static final int QTAPPEND = 0x40;
    public static final int QTEXCL = 0x20;
    public static final int QTMOUNT = 0x10;
    public static final int QTAUTH = 0x08;
    public static final int QTTMP = 0x04;
    public static final int QTSYMLINK = 0x02;
    public static final int QTFILE = 0x00;

    public Qid {
        type &= 0xff;
    }

    public boolean isDirectory() {
        return (type & QTDIR) != 0;
    }

    public boolean isSymlink() {
        return (type & QTSYMLINK) != 0;
    }
}
