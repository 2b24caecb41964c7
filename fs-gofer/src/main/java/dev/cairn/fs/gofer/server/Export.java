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
 * so walking through it fails with ENOTDIR; ".." is resolved by the server from the fid's
 * own component list and clamped at the root; a name containing '/' or NUL is refused.
 * A directory swapped for a symlink between two steps is therefore either the directory
 * already opened or the symlink itself, never its target.
 */
final class Export {
    private final int rootFd;
    private final long rootDev;
    private final String exportedPath;
    private final boolean readOnly;

    Export(Path root, boolean readOnly) throws ErrnoException {
        Path abs = root.toAbsolutePath().normalize();
        try {
            this.rootFd = Libc.openat(Libc.AT_FDCWD, Libc.cstr(abs.toString()),
                    Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
        } catch (com.sun.jna.LastErrorException e) {
            throw new ErrnoException(Errno.of(e.getErrorCode()), "export root " + abs);
        }
        this.rootDev = Host.fstat(rootFd, abs.toString()).dev();
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
            List<String> up = path.isEmpty() ? path : path.subList(0, path.size() - 1);
            int upFd = open(up, what);
            return new Step(upFd, List.copyOf(up), Host.fstat(upFd, what));
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

    /** The O_PATH fd of {@code fid}'s parent directory, owned by the caller. */
    int openParent(Fid fid, String what) throws ErrnoException {
        List<String> p = fid.path();
        if (p.isEmpty()) {
            throw Errno.EBUSY.exception(what + ": the export root");
        }
        return open(p.subList(0, p.size() - 1), what);
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
