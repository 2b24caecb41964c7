package dev.cairn.fs.gofer.server;

import dev.cairn.fs.gofer.host.Host;
import dev.cairn.fs.gofer.host.HostStat;
import dev.cairn.fs.gofer.host.Libc;
import dev.cairn.fs.gofer.p9.Attr;
import dev.cairn.fs.gofer.p9.Qid;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One exported host directory: an O_PATH fd on its root, whether it is read-only, and the
 * escape-proof walk. Every step opens exactly one name relative to the fd of the directory
 * reached so far, with O_PATH|O_NOFOLLOW: a symlink is opened as itself and never followed,
 * so walking through it fails with ENOTDIR; ".." and the parent a request needs are found by
 * {@link #locate}, always by walking down from the root again, and ".." is clamped at the root;
 * a name containing '/' or NUL is refused. A directory swapped for a symlink between two steps
 * is therefore either the directory already opened or the symlink itself, never its target.
 */
final class Export {
    private final int rootFd;
    private final long rootDev;
    private final long rootIno;
    private final String exportedPath;
    private final boolean readOnly;

    Export(Path root, boolean readOnly) throws ErrnoException {
        Path abs = root.toAbsolutePath().normalize();
        if (!dev.cairn.fs.gofer.host.HostArch.CURRENT.supported()) {
            // its O_NOFOLLOW and struct stat are unknown: walking could follow symlinks out
            throw Errno.ENOSYS.exception("export " + abs + ": the gofer supports x86-64 and aarch64 Linux only, not "
                    + System.getProperty("os.arch"));
        }
        try {
            this.rootFd = Libc.openat(Libc.AT_FDCWD, Libc.cstr(abs.toString()),
                    Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
        } catch (com.sun.jna.LastErrorException e) {
            throw new ErrnoException(Errno.of(e.getErrorCode()), "export root " + abs);
        }
        HostStat st = Host.fstat(rootFd, abs.toString());
        this.rootDev = st.dev();
        this.rootIno = st.ino();
        this.exportedPath = abs.toString();
        this.readOnly = readOnly;
    }

    String exportedPath() {
        return exportedPath;
    }

    boolean readOnly() {
        return readOnly;
    }

    /** EROFS for a mutation of a read-only export. */
    void checkWritable(String what) throws ErrnoException {
        if (readOnly) {
            throw Errno.EROFS.exception(what);
        }
    }

    /** A new fid on the export root. */
    Fid attach() throws ErrnoException {
        int fd = Host.dup(rootFd, "attach " + exportedPath);
        return new Fid(fd, List.of(), HostStat.S_IFDIR);
    }

    /** Refuses what can never be one component of a path. */
    static void checkName(String name, String what) throws ErrnoException {
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw Errno.EINVAL.exception(what + ": bad name \"" + name.replace("\0", "\\0") + "\"");
        }
        if (name.equals(".") || name.equals("..")) {
            throw Errno.EINVAL.exception(what + ": \"" + name + "\" is not a new name");
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
            throw Errno.ENAMETOOLONG.exception(what);
        }
    }

    /** Result of one walk step: an owned O_PATH fd, the new path and the file's stat. */
    record Step(int fd, List<String> path, HostStat stat) {
    }

    /**
     * Walks one name from {@code (fd, path)}. The caller owns the returned fd.
     *
     * @throws ErrnoException ENOENT, ENOTDIR (from a non-directory or a symlink), EINVAL
     */
    Step step(int fd, List<String> path, String name) throws ErrnoException {
        String what = "walk " + describe(path, name);
        if (name.equals(".")) {
            return new Step(Host.dup(fd, what), path, Host.fstat(fd, what));
        }
        if (name.equals("..")) {
            HostStat here = Host.fstat(fd, what);
            if (isRoot(here)) {
                return new Step(Host.dup(fd, what), List.of(), here); // clamped, as "/.." is "/"
            }
            Parent up = locate(fd, here, path, what);
            try {
                return new Step(up.fd(), up.path(), Host.fstat(up.fd(), what));
            } catch (ErrnoException e) {
                Host.close(up.fd());
                throw e;
            }
        }
        checkName(name, what);
        int next = Host.openAt(fd, name, Libc.O_PATH, 0, what);
        try {
            return new Step(next, Fid.append(path, name), Host.fstat(next, what));
        } catch (ErrnoException e) {
            Host.close(next);
            throw e;
        }
    }

    /** Opens {@code path} from the root, one directory component at a time. */
    int open(List<String> path, String what) throws ErrnoException {
        int fd = Host.dup(rootFd, what);
        for (String c : path) {
            int next;
            try {
                next = Host.openAt(fd, c, Libc.O_PATH | Libc.O_DIRECTORY, 0, what);
            } finally {
                Host.close(fd);
            }
            fd = next;
        }
        return fd;
    }

    private boolean isRoot(HostStat st) {
        return st.dev() == rootDev && st.ino() == rootIno;
    }

    /**
     * The directory holding a file now: an owned O_PATH fd on it, its components from the
     * root, and the file's name in it.
     */
    record Parent(int fd, List<String> path, String name) {
        List<String> filePath() {
            return Fid.append(path, name);
        }
    }

    /**
     * Where {@code fid}'s file is now (for requests that need its parent and name), and the
     * fid's components brought up to date. EBUSY for the export root; see {@link #locate(int,
     * HostStat, List, String)} for the rest.
     */
    Parent locate(Fid fid, String what) throws ErrnoException {
        int fd = fid.pathFd();
        HostStat st = Host.fstat(fd, what);
        if (isRoot(st)) {
            throw Errno.EBUSY.exception(what + ": the export root");
        }
        Parent p = locate(fd, st, fid.path(), what);
        fid.moved(p.filePath());
        return p;
    }

    /**
     * Finds the directory that holds the file of {@code fd} ({@code st}, not the root) now,
     * even after the host or another client renamed it or a directory above it. Two candidate
     * paths are tried: {@code known} (the components last known, right unless someone renamed)
     * and the kernel's current path of the fd ({@code /proc/self/fd/N}, less the root's own
     * current path). A candidate counts only when walking it down from the root, one component
     * at a time with O_PATH|O_NOFOLLOW as every walk, reaches a name with the fd's st_dev and
     * st_ino, so the answer is always a directory inside the export. A file that is gone, or was
     * moved out of the export by the host, has no such path: ENOENT. (A fid already on such a
     * file keeps naming it, as an open fd does; nothing above it is reachable through it.)
     */
    private Parent locate(int fd, HostStat st, List<String> known, String what) throws ErrnoException {
        Parent p = verified(known, st, what);
        if (p == null) {
            List<String> now = currentPath(fd, what);
            p = now == null ? null : verified(now, st, what);
        }
        if (p == null) {
            throw Errno.ENOENT.exception(what + ": no longer in the export (removed, or moved out of it)");
        }
        return p;
    }

    /** {@code path}'s parent when walking {@code path} from the root reaches {@code want}'s inode, else null. */
    private Parent verified(List<String> path, HostStat want, String what) {
        if (path.isEmpty()) {
            return null;
        }
        List<String> up = List.copyOf(path.subList(0, path.size() - 1));
        String name = path.get(path.size() - 1);
        int dir;
        try {
            dir = open(up, what);
        } catch (ErrnoException e) {
            return null;
        }
        try {
            HostStat s = Host.statAt(dir, name, what);
            if (s.dev() == want.dev() && s.ino() == want.ino()) {
                Parent p = new Parent(dir, up, name);
                dir = -1;
                return p;
            }
        } catch (ErrnoException e) {
            // not there (any more)
        } finally {
            if (dir >= 0) {
                Host.close(dir);
            }
        }
        return null;
    }

    /**
     * The kernel's current path of {@code fd} as components below the root's current path, or
     * null when it is not below it (moved out, removed, or not expressible).
     */
    private List<String> currentPath(int fd, String what) {
        String root;
        String file;
        try {
            root = Host.readlinkAt(Libc.AT_FDCWD, "/proc/self/fd/" + rootFd, what);
            file = Host.readlinkAt(Libc.AT_FDCWD, "/proc/self/fd/" + fd, what);
        } catch (ErrnoException e) {
            return null;
        }
        String prefix = root.endsWith("/") ? root : root + "/";
        if (!root.startsWith("/") || !file.startsWith(prefix) || file.length() == prefix.length()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String c : file.substring(prefix.length()).split("/", -1)) {
            if (c.isEmpty() || c.equals(".") || c.equals("..")) {
                return null;
            }
            out.add(c);
        }
        return out;
    }

    static String describe(List<String> path, String name) {
        List<String> all = new ArrayList<>(path);
        all.add(name);
        return "/" + String.join("/", all);
    }

    Qid qid(HostStat st) {
        int t = st.isDirectory() ? Qid.QTDIR : st.isSymlink() ? Qid.QTSYMLINK : Qid.QTFILE;
        long path = st.dev() == rootDev ? st.ino() : st.ino() ^ (st.dev() << 40);
        return new Qid(t, 0, path);
    }

    Attr attr(HostStat st) {
        return new Attr(Attr.BASIC, qid(st), st.mode(), st.uid(), st.gid(), st.nlink(), st.rdev(), st.size(),
                st.blksize(), st.blocks(), st.atimeSec(), st.atimeNsec(), st.mtimeSec(), st.mtimeNsec(),
                st.ctimeSec(), st.ctimeNsec(), 0, 0, 0, 0);
    }

    void close() {
        Host.close(rootFd);
    }
}
