package dev.cairn.vfs.spi;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.SetStat;
import dev.cairn.vfs.Stat;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A file of any kind in a filesystem (an inode). The core walks paths, follows symlinks and
 * mounts, enforces name and path limits, checks permissions (search, write on the parent,
 * sticky directories, read-only mounts) and keeps the dentry cache; a node only does the
 * per-node work below. Every method has a default that fails the way Linux does when a
 * filesystem lacks the operation, so a read-only "hello" filesystem implements only
 * {@link #stat}, {@link #lookup}, {@link #readdir} and {@link #open}.
 *
 * <h2>Contract for all methods</h2>
 * <ul>
 * <li>Names are single components: non-empty, not "." or "..", no '/', at most 255 bytes.
 * The core guarantees this before calling.</li>
 * <li>Permission has been checked by the core; a node checks nothing about the caller
 * except what only it can know (e.g. a remote server's answer).</li>
 * <li>Directory operations are called on directory nodes only. The core serialises the
 * mutating directory operations of one directory (create, mkdir, symlink, mknod, link,
 * unlink, rmdir, rename into or out of it); lookup and readdir may run concurrently with
 * them and with each other, so a node keeps its own entry map thread-safe.</li>
 * <li>A node updates its own times: mtime+ctime of a directory when its entries change,
 * ctime on attribute change and link-count change, mtime+ctime on write.</li>
 * <li>Errors are {@link ErrnoException}s; a RuntimeException escaping a node is a bug in the
 * filesystem and the core reports it to the caller as EIO.</li>
 * </ul>
 */
@ConsumerType
public interface Node {
    /** The node's attributes. The device fields are ignored: the core fills them in. */
    Stat stat() throws ErrnoException;

    /**
     * The attributes as last known, without asking a remote peer: what the core uses on the
     * I/O path, for decisions that tolerate a slightly stale answer (relatime, clearing
     * setuid/setgid before a write). A filesystem whose {@link #stat()} goes to a server
     * every time (a revalidating network filesystem) overrides this to answer from what it
     * last saw, so a read or write costs no extra round trip; it must still reflect this
     * node's own changes (an atime update it was told about, a mode it set). The default is
     * {@link #stat()}.
     *
     * @since 0.2
     */
    default Stat lastKnownStat() throws ErrnoException {
        return stat();
    }

    /**
     * Applies a change of attributes whose permission the core has already checked
     * (including the Linux side effects: setuid/setgid cleared by chown). A size change on
     * a regular file truncates or extends it with a hole. Updates ctime, except for the
     * core's read-access notification ({@link SetStat#ACCESSED} with ATIME|ATIME_NOW), which
     * sets only the atime: the core applies relatime/noatime/O_NOATIME and nodes never
     * update atime on their own.
     *
     * @throws ErrnoException EPERM when the filesystem does not allow the change,
     *                        EISDIR for a size change on a directory, EFBIG, ENOSPC
     */
    default void setStat(SetStat change) throws ErrnoException {
        throw Errno.EPERM.exception("setattr not supported");
    }

    // ---- directories ----------------------------------------------------------------

    /**
     * The child named {@code name}.
     *
     * @throws ErrnoException ENOENT when there is none, ENOTDIR on a non-directory
     */
    default Node lookup(String name) throws ErrnoException {
        throw Errno.ENOTDIR.exception(name);
    }

    /**
     * Lists children after {@code cookie} (0 = from the start) into {@code sink} until it
     * returns false or the entries are exhausted. Cookies are positive and below 2^62. Cookies are the filesystem's: each entry's
     * {@code nextCookie} must resume right after it even when entries were added or removed
     * in between (an entry present for the whole listing is returned exactly once).
     *
     * @throws ErrnoException ENOTDIR on a non-directory
     */
    default void readdir(long cookie, DirentSink sink) throws ErrnoException {
        throw Errno.ENOTDIR.exception("readdir");
    }

    /**
     * Creates a regular file. {@code attrs.mode} has the S_IFREG bit.
     *
     * @throws ErrnoException EEXIST when the name exists, ENOSPC, EROFS, EPERM
     */
    default Node create(String name, NodeAttrs attrs) throws ErrnoException {
        throw Errno.EPERM.exception(name);
    }

    /** Creates a directory (link count 2, parent's link count +1). Errnos as create. */
    default Node mkdir(String name, NodeAttrs attrs) throws ErrnoException {
        throw Errno.EPERM.exception(name);
    }

    /** Creates a symlink whose target is {@code target} (non-empty, ≤4095 bytes). */
    default Node symlink(String name, String target, NodeAttrs attrs) throws ErrnoException {
        throw Errno.EPERM.exception(name);
    }

    /**
     * Creates a device node, FIFO or socket; the type is in {@code attrs.mode}.
     * The core has checked CAP_MKNOD for device nodes.
     */
    default Node mknod(String name, NodeAttrs attrs) throws ErrnoException {
        throw Errno.EPERM.exception(name);
    }

    /**
     * Adds a hard link {@code name} to {@code target}, a node of this filesystem and not a
     * directory. Increments its link count and ctime.
     *
     * @throws ErrnoException EEXIST, EMLINK, EPERM when hard links are unsupported
     */
    default void link(String name, Node target) throws ErrnoException {
        throw Errno.EPERM.exception(name);
    }

    /**
     * Removes the non-directory entry {@code name}, whose node is {@code child}. The node
     * stays usable by open files until they are closed (its link count drops).
     *
     * @throws ErrnoException ENOENT when the entry is gone or is no longer {@code child}
     */
    default void unlink(String name, Node child) throws ErrnoException {
        throw Errno.EPERM.exception(name);
    }

    /**
     * Removes the empty directory {@code name}, whose node is {@code child}.
     *
     * @throws ErrnoException ENOTEMPTY when it has entries
     */
    default void rmdir(String name, Node child) throws ErrnoException {
        throw Errno.EPERM.exception(name);
    }

    /**
     * Moves entry {@code oldName} (node {@code child}) of this directory to {@code newName} in
     * {@code newParent} (a directory of the same filesystem, possibly this one).
     * {@code replaced} is the node currently at the destination or null. {@code flags} is 0,
     * {@link #RENAME_NOREPLACE} or {@link #RENAME_EXCHANGE}; the core has already checked type
     * compatibility (dir over non-dir → EISDIR/ENOTDIR), emptiness of a replaced directory,
     * a directory moved into its own subtree (EINVAL) and NOREPLACE against an existing
     * target (EEXIST). The node adjusts link counts and times, and drops {@code replaced}'s
     * link as unlink would.
     *
     * @throws ErrnoException EINVAL for flags it does not support, EXDEV, ENOSPC
     */
    default void rename(String oldName, Node child, Node newParent, String newName, Node replaced, int flags)
            throws ErrnoException {
        throw Errno.EPERM.exception(oldName);
    }

    int RENAME_NOREPLACE = 1;
    int RENAME_EXCHANGE = 2;

    // ---- symlinks ------------------------------------------------------------------

    /**
     * The target of a symlink.
     *
     * @throws ErrnoException EINVAL when this is not a symlink
     */
    default String readlink() throws ErrnoException {
        throw Errno.EINVAL.exception("not a symlink");
    }

    // ---- open ----------------------------------------------------------------------

    /**
     * Opens this node for I/O. Called for regular files and directories (O_RDONLY, for
     * readdir) and for FIFOs/sockets if the filesystem handles them; device nodes are
     * opened by the core through the device registry, never here. {@code flags} are the
     * open(2) flags; the core has done O_CREAT/O_EXCL/O_TRUNC/O_DIRECTORY and permission
     * checks, and truncates through {@link #setStat} before calling.
     *
     * @return the per-open state; the core calls {@link OpenFile#close()} once
     * @throws ErrnoException ENXIO, EACCES from a remote peer, EIO
     */
    default OpenFile open(int flags, Credentials credentials) throws ErrnoException {
        throw Errno.ENXIO.exception("open");
    }

    // ---- extended attributes -------------------------------------------------------

    /**
     * The value of an extended attribute. The core has checked namespace permissions
     * ("user." needs read access, "trusted." CAP_SYS_ADMIN).
     *
     * @throws ErrnoException ENODATA when absent, EOPNOTSUPP when unsupported
     */
    default byte[] getXattr(String name) throws ErrnoException {
        throw Errno.EOPNOTSUPP.exception(name);
    }

    /**
     * Sets an extended attribute. {@code flags}: 0, {@link #XATTR_CREATE} (EEXIST if
     * present) or {@link #XATTR_REPLACE} (ENODATA if absent).
     */
    default void setXattr(String name, byte[] value, int flags) throws ErrnoException {
        throw Errno.EOPNOTSUPP.exception(name);
    }

    /** Names of all extended attributes. */
    default List<String> listXattr() throws ErrnoException {
        return List.of();
    }

    /** Removes an extended attribute. ENODATA when absent. */
    default void removeXattr(String name) throws ErrnoException {
        throw Errno.EOPNOTSUPP.exception(name);
    }

    int XATTR_CREATE = 1;
    int XATTR_REPLACE = 2;

    // ---- caching -------------------------------------------------------------------

    /**
     * For filesystems whose {@link Filesystem#revalidates()} is true: whether the cached
     * child {@code child} reached as {@code name} from this directory is still valid.
     * False makes the core drop it and look the name up again.
     */
    default boolean revalidate(String name, Node child) throws ErrnoException {
        return true;
    }
}
