package dev.cairn.vfs.core;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Capability;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Dirent;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountNamespace;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.StatFs;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.VirtualFilesystem;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * The core's {@link Task}: credentials, umask, root, cwd, fd table. Each syscall-shaped
 * method resolves paths with a {@link Walk} and turns a RuntimeException or LinkageError
 * escaping a filesystem into EIO. Path operations live in {@link PathOps} and
 * {@link Opener}.
 */
final class TaskImpl implements Task {
    final CoreVfs vfs;
    final NamespaceImpl ns;
    final FdTable fds = new FdTable();
    final PathOps ops = new PathOps(this);
    private final Opener opener = new Opener(this);
    private final FdOps io = new FdOps(this);

    /** Credentials with their search-everything capability precomputed, swapped as a unit. */
    private record CredState(Credentials creds, boolean searchAll) {
        CredState(Credentials c) {
            this(c, Perms.searchesAll(c));
        }
    }

    /** Swapped whole by setCredentials; no lock (volatile). */
    private volatile CredState cred;
    /** Set by umask(); no lock (volatile), like a thread's umask. */
    private volatile int umask = 022;
    /** Root and cwd: written under this, read without (volatile). Each holds a mount user ref. */
    private volatile MountImpl rootM;
    private volatile Dentry rootD;
    private volatile MountImpl cwdM;
    private volatile Dentry cwdD;
    /** The controlling terminal; no lock (volatile). */
    private volatile OpenFile tty;
    /** Guarded by this. */
    private boolean exited;

    TaskImpl(CoreVfs vfs, Credentials creds, NamespaceImpl ns) {
        this.vfs = vfs;
        this.cred = new CredState(creds);
        this.ns = ns;
        MountImpl r = ns.root;
        r.users.addAndGet(2); // a namespace root is never freed
        rootM = r;
        rootD = r.root;
        cwdM = r;
        cwdD = r.root;
    }

    @Override
    public VirtualFilesystem vfs() {
        return vfs;
    }

    @Override
    public MountNamespace mountNamespace() {
        return ns;
    }

    @Override
    public Credentials credentials() {
        return cred.creds();
    }

    @Override
    public void setCredentials(Credentials c) {
        if (c != null) {
            cred = new CredState(c);
        }
    }

    @Override
    public int umask(int mask) {
        int old = umask;
        umask = mask & 0777;
        return old;
    }

    int umask() {
        return umask;
    }

    @Override
    public void setControllingTerminal(OpenFile terminal) {
        tty = terminal;
    }

    @Override
    public Optional<OpenFile> controllingTerminal() {
        return Optional.ofNullable(tty);
    }

    MountImpl rootMount() {
        return rootM;
    }

    Dentry rootDentry() {
        return rootD;
    }

    Walk newWalk() {
        CredState c = cred;
        return new Walk(vfs, c.creds(), c.searchAll(), rootM, rootD);
    }

    /** A walk started at {@code dirfd} (or the cwd) for {@code path}. */
    Walk at(int dirfd, String path) throws ErrnoException {
        Walk w = newWalk();
        if (path != null && !path.isEmpty() && path.charAt(0) == '/') {
            return w.begin(null, null, path);
        }
        if (dirfd == AtFlags.AT_FDCWD) {
            return w.begin(cwdM, cwdD, path);
        }
        FileDescription fd = fds.get(dirfd);
        return w.begin(fd.mount, fd.dentry, path);
    }

    /**
     * Resolves {@code path} from {@code dirfd} to its final (mount, dentry); with
     * AT_EMPTY_PATH and an empty path, the fd itself.
     */
    Walk resolveAt(int dirfd, String path, boolean follow, int flags) throws ErrnoException {
        if ((path == null || path.isEmpty()) && (flags & AtFlags.AT_EMPTY_PATH) != 0) {
            Walk w = newWalk();
            if (dirfd == AtFlags.AT_FDCWD) {
                w.m = cwdM;
                w.d = cwdD;
            } else {
                FileDescription fd = fds.get(dirfd);
                w.m = fd.mount;
                w.d = fd.dentry;
            }
            w.origPath = "";
            return w;
        }
        Walk w = at(dirfd, path);
        w.resolve(follow);
        return w;
    }

    static Stat statOf(Dentry d) throws ErrnoException {
        Stat s = d.node.stat();
        if (s.devMajor() == 0 && s.devMinor() == d.fs.devMinor) {
            return s;
        }
        return s.withDev(0, d.fs.devMinor);
    }

    // ---- fds ------------------------------------------------------------------------

    @Override
    public int open(String path, int flags, int mode) throws ErrnoException {
        return openat(AtFlags.AT_FDCWD, path, flags, mode);
    }

    @Override
    public int openat(int dirfd, String path, int flags, int mode) throws ErrnoException {
        try {
            return opener.openat(dirfd, path, flags, mode);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "open " + path);
        }
    }

    @Override
    public void close(int fd) throws ErrnoException {
        io.close(fd);
    }

    @Override
    public int dup(int fd) throws ErrnoException {
        return io.dup(fd);
    }

    @Override
    public int dup2(int fd, int newfd) throws ErrnoException {
        return io.dup2(fd, newfd);
    }

    @Override
    public int read(int fd, ByteBuffer dst) throws ErrnoException {
        return io.read(fd, dst);
    }

    @Override
    public int write(int fd, ByteBuffer src) throws ErrnoException {
        return io.write(fd, src);
    }

    @Override
    public int pread(int fd, ByteBuffer dst, long offset) throws ErrnoException {
        return io.pread(fd, dst, offset);
    }

    @Override
    public int pwrite(int fd, ByteBuffer src, long offset) throws ErrnoException {
        return io.pwrite(fd, src, offset);
    }

    @Override
    public long lseek(int fd, long offset, int whence) throws ErrnoException {
        return io.lseek(fd, offset, whence);
    }

    @Override
    public List<Dirent> getdents(int fd, int max) throws ErrnoException {
        return io.getdents(fd, max);
    }


    @Override
    public Stat fstat(int fd) throws ErrnoException {
        return io.fstat(fd);
    }

    @Override
    public void ftruncate(int fd, long length) throws ErrnoException {
        io.ftruncate(fd, length);
    }

    @Override
    public void fsync(int fd) throws ErrnoException {
        io.fsync(fd);
    }

    @Override
    public void fallocate(int fd, int mode, long offset, long length) throws ErrnoException {
        io.fallocate(fd, mode, offset, length);
    }

    @Override
    public int ioctl(int fd, int request, ByteBuffer arg) throws ErrnoException {
        return io.ioctl(fd, request, arg);
    }

    @Override
    public int fileFlags(int fd) throws ErrnoException {
        return io.fileFlags(fd);
    }

    @Override
    public int poll(int fd, int events) throws ErrnoException {
        return io.poll(fd, events);
    }

    @Override
    public String fdPath(int fd) throws ErrnoException {
        FileDescription d = fds.get(fd);
        return Paths.displayPath(vfs, d.mount, d.dentry, rootM, rootD);
    }

    @Override
    public List<Integer> fds() {
        return fds.list();
    }

    /** Installs a new description, honouring O_CLOEXEC. */
    int install(FileDescription d, int flags) throws ErrnoException {
        try {
            return fds.install(d, (flags & OpenFlags.O_CLOEXEC) != 0, 0);
        } catch (ErrnoException e) {
            d.decRef();
            throw e;
        }
    }

    // ---- paths ----------------------------------------------------------------------

    @Override
    public Stat stat(String path) throws ErrnoException {
        return fstatat(AtFlags.AT_FDCWD, path, 0);
    }

    @Override
    public Stat lstat(String path) throws ErrnoException {
        return fstatat(AtFlags.AT_FDCWD, path, AtFlags.AT_SYMLINK_NOFOLLOW);
    }

    @Override
    public Stat fstatat(int dirfd, String path, int flags) throws ErrnoException {
        try {
            Walk w = resolveAt(dirfd, path, (flags & AtFlags.AT_SYMLINK_NOFOLLOW) == 0, flags);
            return statOf(w.d);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "stat " + path);
        }
    }

    @Override
    public void faccessat(int dirfd, String path, int mode, int flags) throws ErrnoException {
        try {
            ops.access(dirfd, path, mode, flags);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "access " + path);
        }
    }

    @Override
    public void mkdirat(int dirfd, String path, int mode) throws ErrnoException {
        try {
            ops.mkdirat(dirfd, path, mode);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "mkdir " + path);
        }
    }

    @Override
    public void mknodat(int dirfd, String path, int mode, int major, int minor) throws ErrnoException {
        try {
            ops.mknodat(dirfd, path, mode, major, minor);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "mknod " + path);
        }
    }

    @Override
    public void symlinkat(String target, int dirfd, String linkPath) throws ErrnoException {
        try {
            ops.symlinkat(target, dirfd, linkPath);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "symlink " + linkPath);
        }
    }

    @Override
    public String readlinkat(int dirfd, String path) throws ErrnoException {
        try {
            Walk w = resolveAt(dirfd, path, false, AtFlags.AT_EMPTY_PATH);
            if (!w.d.isSymlink()) {
                throw Errno.EINVAL.exception(path + ": not a symlink");
            }
            return w.d.node.readlink();
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "readlink " + path);
        }
    }

    @Override
    public void linkat(int olddirfd, String oldPath, int newdirfd, String newPath, int flags) throws ErrnoException {
        try {
            ops.linkat(olddirfd, oldPath, newdirfd, newPath, flags);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "link " + oldPath + " " + newPath);
        }
    }

    @Override
    public void renameat2(int olddirfd, String oldPath, int newdirfd, String newPath, int flags) throws ErrnoException {
        try {
            new Renamer(this).renameat2(olddirfd, oldPath, newdirfd, newPath, flags);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "rename " + oldPath + " " + newPath);
        }
    }

    @Override
    public void unlinkat(int dirfd, String path, int flags) throws ErrnoException {
        try {
            ops.unlinkat(dirfd, path, flags);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "unlink " + path);
        }
    }

    @Override
    public void fchmodat(int dirfd, String path, int mode, int flags) throws ErrnoException {
        try {
            ops.chmod(resolveAt(dirfd, path, (flags & AtFlags.AT_SYMLINK_NOFOLLOW) == 0, flags), mode);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "chmod " + path);
        }
    }

    @Override
    public void fchownat(int dirfd, String path, int uid, int gid, int flags) throws ErrnoException {
        try {
            ops.chown(resolveAt(dirfd, path, (flags & AtFlags.AT_SYMLINK_NOFOLLOW) == 0, flags), uid, gid);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "chown " + path);
        }
    }

    @Override
    public void truncate(String path, long length) throws ErrnoException {
        try {
            Walk w = resolveAt(AtFlags.AT_FDCWD, path, true, 0);
            ops.truncateNode(w.m, w.d, length, true, path);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "truncate " + path);
        }
    }

    @Override
    public void utimensat(int dirfd, String path, long atimeNanos, long mtimeNanos, int flags) throws ErrnoException {
        try {
            ops.utimens(resolveAt(dirfd, path, (flags & AtFlags.AT_SYMLINK_NOFOLLOW) == 0, flags),
                    atimeNanos, mtimeNanos);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "utimensat " + path);
        }
    }

    @Override
    public StatFs statfs(String path) throws ErrnoException {
        try {
            Walk w = resolveAt(AtFlags.AT_FDCWD, path, true, 0);
            return MountInfo.withMountFlags(w.d.fs.fs.statfs(), w.m);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "statfs " + path);
        }
    }

    @Override
    public byte[] getxattr(String path, String name, boolean follow) throws ErrnoException {
        try {
            return ops.getxattr(resolveAt(AtFlags.AT_FDCWD, path, follow, 0), name);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "getxattr " + path);
        }
    }

    @Override
    public void setxattr(String path, String name, byte[] value, int flags, boolean follow) throws ErrnoException {
        try {
            ops.setxattr(resolveAt(AtFlags.AT_FDCWD, path, follow, 0), name, value, flags);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "setxattr " + path);
        }
    }

    @Override
    public List<String> listxattr(String path, boolean follow) throws ErrnoException {
        try {
            return ops.listxattr(resolveAt(AtFlags.AT_FDCWD, path, follow, 0));
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "listxattr " + path);
        }
    }

    @Override
    public void removexattr(String path, String name, boolean follow) throws ErrnoException {
        try {
            ops.removexattr(resolveAt(AtFlags.AT_FDCWD, path, follow, 0), name);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "removexattr " + path);
        }
    }

    @Override
    public void chdir(String path) throws ErrnoException {
        try {
            Walk w = resolveAt(AtFlags.AT_FDCWD, path, true, 0);
            w.mayLookup();
            setCwd(w.m, w.d);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "chdir " + path);
        }
    }

    @Override
    public void fchdir(int fd) throws ErrnoException {
        FileDescription d = fds.get(fd);
        Walk w = newWalk();
        w.m = d.mount;
        w.d = d.dentry;
        w.origPath = "fd " + fd;
        try {
            w.mayLookup();
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "fchdir " + fd);
        }
        setCwd(d.mount, d.dentry);
    }

    private void setCwd(MountImpl m, Dentry d) throws ErrnoException {
        MountImpl old;
        m.incUsers();
        synchronized (this) {
            if (exited) {
                old = m; // an exited task holds no references any more
            } else {
                old = cwdM;
                cwdM = m;
                cwdD = d;
            }
        }
        old.decUsers();
    }

    @Override
    public String getcwd() throws ErrnoException {
        MountImpl m = cwdM;
        Dentry d = cwdD;
        if (Paths.deleted(d)) {
            throw Errno.ENOENT.exception("getcwd: current directory was removed");
        }
        String p;
        synchronized (vfs.mountLock) {
            p = Paths.absolutePathLocked(m, d, rootM, rootD);
        }
        return p == null ? "(unreachable)" + Paths.pathInFs(d) : p;
    }

    @Override
    public void chroot(String path) throws ErrnoException {
        if (!credentials().has(Capability.CAP_SYS_CHROOT)) {
            throw Errno.EPERM.exception("chroot " + path + ": CAP_SYS_CHROOT required");
        }
        try {
            Walk w = resolveAt(AtFlags.AT_FDCWD, path, true, 0);
            w.mayLookup();
            MountImpl old;
            w.m.incUsers();
            synchronized (this) {
                if (exited) {
                    old = w.m;
                } else {
                    old = rootM;
                    rootM = w.m;
                    rootD = w.d;
                }
            }
            old.decUsers();
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "chroot " + path);
        }
    }

    // ---- mounts ---------------------------------------------------------------------

    @Override
    public void mount(String source, String target, String type, int flags, String data) throws ErrnoException {
        vfs.mounts.taskMount(this, source, target, type, flags, data);
    }

    @Override
    public void umount(String target, int flags) throws ErrnoException {
        vfs.mounts.taskUmount(this, target, flags);
    }

    // ---- conveniences ---------------------------------------------------------------

    @Override
    public byte[] readFile(String path) throws ErrnoException {
        return io.readFile(path);
    }

    @Override
    public void writeFile(String path, byte[] data) throws ErrnoException {
        io.writeFile(path, data);
    }

    @Override
    public List<String> listDir(String path) throws ErrnoException {
        return io.listDir(path);
    }

    @Override
    public void exit() {
        MountImpl r;
        MountImpl c;
        synchronized (this) {
            if (exited) {
                return;
            }
            exited = true;
            r = rootM;
            c = cwdM;
        }
        for (FileDescription d : fds.clear()) {
            d.decRef();
        }
        r.decUsers();
        c.decUsers();
    }

    @Override
    public String toString() {
        return "Task[" + vfs.name() + " uid=" + credentials().uid() + "]";
    }
}
