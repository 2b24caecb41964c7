package dev.cairn.vfs;

import java.nio.ByteBuffer;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A thread of a sandbox as the VFS sees it: credentials, umask, root, cwd, an fd table and a
 * mount namespace, with syscall-shaped methods. This is the one way user-facing code (shell
 * commands, NIO provider, FUSE daemons) drives the VFS. Methods throw {@link ErrnoException}
 * with the errno Linux gives for the same call and a message naming the path.
 *
 * <p>Not thread-safe as a whole (cwd, umask), like a Linux thread; the fd table is safe to
 * share. File descriptors are small non-negative ints, lowest free first.
 */
@ProviderType
public interface Task {
    VirtualFilesystem vfs();

    MountNamespace mountNamespace();

    Credentials credentials();

    void setCredentials(Credentials creds);

    /** Sets the umask, returns the old one. */
    int umask(int mask);

    /**
     * Gives the task a controlling terminal (the open file of a terminal device), which
     * devices see through {@code DeviceOpenContext.controllingTerminal()} (/dev/tty);
     * null removes it. Tasks start without one.
     */
    void setControllingTerminal(dev.cairn.vfs.spi.OpenFile terminal);

    /** The controlling terminal set by {@link #setControllingTerminal}, if any. */
    java.util.Optional<dev.cairn.vfs.spi.OpenFile> controllingTerminal();

    // ---- fds ----------------------------------------------------------------------------

    int open(String path, int flags, int mode) throws ErrnoException;

    int openat(int dirfd, String path, int flags, int mode) throws ErrnoException;

    void close(int fd) throws ErrnoException;

    int dup(int fd) throws ErrnoException;

    int dup2(int fd, int newfd) throws ErrnoException;

    int read(int fd, ByteBuffer dst) throws ErrnoException;

    int write(int fd, ByteBuffer src) throws ErrnoException;

    int pread(int fd, ByteBuffer dst, long offset) throws ErrnoException;

    int pwrite(int fd, ByteBuffer src, long offset) throws ErrnoException;

    long lseek(int fd, long offset, int whence) throws ErrnoException;

    /**
     * getdents64: at most {@code max} entries (a count, not bytes; EINVAL when &lt; 1),
     * "." and ".." first, an empty list at the end. Each entry's offset can be given to
     * {@link #lseek} (SEEK_SET) to resume after it; lseek to 0 rewinds.
     */
    List<Dirent> getdents(int fd, int max) throws ErrnoException;

    Stat fstat(int fd) throws ErrnoException;

    void ftruncate(int fd, long length) throws ErrnoException;

    void fsync(int fd) throws ErrnoException;

    void fallocate(int fd, int mode, long offset, long length) throws ErrnoException;

    int ioctl(int fd, int request, ByteBuffer arg) throws ErrnoException;

    /** fcntl F_GETFL. */
    int fileFlags(int fd) throws ErrnoException;

    /**
     * poll(2) readiness of one fd, without waiting: the subset of {@code events}
     * ({@code OpenFile.POLLIN}, {@code OpenFile.POLLOUT}) that is ready now. Regular files and
     * directories are always ready.
     *
     * @throws ErrnoException EBADF for a bad or O_PATH fd
     */
    int poll(int fd, int events) throws ErrnoException;

    /** The path the fd was opened at, as /proc/self/fd/N shows it. */
    String fdPath(int fd) throws ErrnoException;

    /** Open fds, ascending. */
    List<Integer> fds();

    // ---- paths --------------------------------------------------------------------------

    Stat stat(String path) throws ErrnoException;

    Stat lstat(String path) throws ErrnoException;

    /** fstatat with AT_SYMLINK_NOFOLLOW / AT_EMPTY_PATH. */
    Stat fstatat(int dirfd, String path, int flags) throws ErrnoException;

    /** access/faccessat with R_OK/W_OK/X_OK/F_OK, using real = effective ids. */
    void faccessat(int dirfd, String path, int mode, int flags) throws ErrnoException;

    void mkdirat(int dirfd, String path, int mode) throws ErrnoException;

    void mknodat(int dirfd, String path, int mode, int major, int minor) throws ErrnoException;

    void symlinkat(String target, int dirfd, String linkPath) throws ErrnoException;

    String readlinkat(int dirfd, String path) throws ErrnoException;

    void linkat(int olddirfd, String oldPath, int newdirfd, String newPath, int flags) throws ErrnoException;

    void renameat2(int olddirfd, String oldPath, int newdirfd, String newPath, int flags) throws ErrnoException;

    /** unlinkat; AT_REMOVEDIR makes it rmdir. */
    void unlinkat(int dirfd, String path, int flags) throws ErrnoException;

    void fchmodat(int dirfd, String path, int mode, int flags) throws ErrnoException;

    /** fchownat; -1 leaves an id unchanged. */
    void fchownat(int dirfd, String path, int uid, int gid, int flags) throws ErrnoException;

    void truncate(String path, long length) throws ErrnoException;

    /** utimensat; times in ns, {@link #UTIME_NOW} and {@link #UTIME_OMIT} as Linux. */
    void utimensat(int dirfd, String path, long atimeNanos, long mtimeNanos, int flags) throws ErrnoException;

    long UTIME_NOW = (1L << 30) - 1;
    long UTIME_OMIT = (1L << 30) - 2;

    StatFs statfs(String path) throws ErrnoException;

    byte[] getxattr(String path, String name, boolean follow) throws ErrnoException;

    void setxattr(String path, String name, byte[] value, int flags, boolean follow) throws ErrnoException;

    List<String> listxattr(String path, boolean follow) throws ErrnoException;

    void removexattr(String path, String name, boolean follow) throws ErrnoException;

    void chdir(String path) throws ErrnoException;

    void fchdir(int fd) throws ErrnoException;

    /** The cwd as an absolute path from the task root. */
    String getcwd() throws ErrnoException;

    /** chroot(2): needs CAP_SYS_CHROOT (EPERM). */
    void chroot(String path) throws ErrnoException;

    // ---- mounts -------------------------------------------------------------------------

    /**
     * mount(2). A bind mount (MS_BIND) mounts {@code source}'s subtree. Needs CAP_SYS_ADMIN
     * (EPERM) and a type registered with AllowUserMount (ENODEV).
     */
    void mount(String source, String target, String type, int flags, String data) throws ErrnoException;

    void umount(String target, int flags) throws ErrnoException;

    // ---- conveniences built on the calls above -------------------------------------------

    default int open(String path, int flags) throws ErrnoException {
        return open(path, flags, 0666);
    }

    default void mkdir(String path, int mode) throws ErrnoException {
        mkdirat(AtFlags.AT_FDCWD, path, mode);
    }

    default void unlink(String path) throws ErrnoException {
        unlinkat(AtFlags.AT_FDCWD, path, 0);
    }

    default void rmdir(String path) throws ErrnoException {
        unlinkat(AtFlags.AT_FDCWD, path, AtFlags.AT_REMOVEDIR);
    }

    default void rename(String from, String to) throws ErrnoException {
        renameat2(AtFlags.AT_FDCWD, from, AtFlags.AT_FDCWD, to, 0);
    }

    default void symlink(String target, String linkPath) throws ErrnoException {
        symlinkat(target, AtFlags.AT_FDCWD, linkPath);
    }

    default String readlink(String path) throws ErrnoException {
        return readlinkat(AtFlags.AT_FDCWD, path);
    }

    default void link(String oldPath, String newPath) throws ErrnoException {
        linkat(AtFlags.AT_FDCWD, oldPath, AtFlags.AT_FDCWD, newPath, 0);
    }

    default void chmod(String path, int mode) throws ErrnoException {
        fchmodat(AtFlags.AT_FDCWD, path, mode, 0);
    }

    default void chown(String path, int uid, int gid) throws ErrnoException {
        fchownat(AtFlags.AT_FDCWD, path, uid, gid, 0);
    }

    /** Reads a whole file (convenience for shell commands and tests). */
    byte[] readFile(String path) throws ErrnoException;

    /** Creates or truncates {@code path} (mode 0666 & ~umask) and writes {@code data}. */
    void writeFile(String path, byte[] data) throws ErrnoException;

    /** All entry names of a directory except "." and "..", in readdir order. */
    List<String> listDir(String path) throws ErrnoException;

    /** Closes all fds and releases the cwd and root. */
    void exit();
}
