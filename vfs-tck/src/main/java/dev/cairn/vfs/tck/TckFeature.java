package dev.cairn.vfs.tck;

import java.util.EnumSet;
import java.util.Set;

/**
 * Optional behaviours a filesystem may have. A test that needs one is skipped (a JUnit
 * assumption naming the feature) when the fixture does not declare it.
 */
public enum TckFeature {
    /** link(2) works (else EPERM is accepted). */
    HARD_LINKS,
    /** symlink(2) works. */
    SYMLINKS,
    /** user.* extended attributes on regular files and directories. */
    XATTR_USER,
    /** trusted.* extended attributes (root with CAP_SYS_ADMIN). */
    XATTR_TRUSTED,
    /** Character and block device nodes can be created (mknod with CAP_MKNOD). */
    MKNOD,
    /** FIFOs can be created with mknod(S_IFIFO) and opened. */
    FIFO,
    /** renameat2 RENAME_NOREPLACE. */
    RENAME_NOREPLACE,
    /** renameat2 RENAME_EXCHANGE. */
    RENAME_EXCHANGE,
    /**
     * open(O_TMPFILE) makes an unnamed regular file in a directory (Linux tmpfs does). The SPI
     * has no operation for it yet, so no Cairn filesystem can declare it today.
     */
    TMPFILE,
    /** Holes are tracked: SEEK_DATA/SEEK_HOLE find them, stat blocks count only data. */
    SPARSE,
    /** Times are stored with nanosecond precision as given to utimensat. */
    TIMES_PRECISE,
    /** Mode bits and owners are stored and enforced as given (chmod/chown/permission suites). */
    PERMISSIONS,
    /** Readdir cookies survive concurrent entry changes (an entry present throughout is seen once). */
    STABLE_COOKIES,
    /** statfs reports real block and inode counts (tmpfs with size/nr_inodes). */
    STATFS_COUNTS,
    /**
     * Every intermediate result of an oracle row must equal Linux tmpfs's (stat strings, link
     * counts, errnos of setup steps). Without it only each row's final result is checked against
     * the table — for filesystems that differ from tmpfs in details the rows do not test (e.g. a
     * 9p mount of a host directory whose root is not owned by root).
     */
    HOST_ORACLE;

    /**
     * Everything a filesystem can have through today's SPI: what Linux tmpfs has, except
     * {@link #TMPFILE} (no SPI operation exists for an unnamed file yet).
     */
    public static Set<TckFeature> all() {
        Set<TckFeature> s = EnumSet.allOf(TckFeature.class);
        s.remove(TMPFILE);
        return s;
    }
}
