package dev.cairn.fs.gofer.server;

import dev.cairn.fs.gofer.host.Host;
import dev.cairn.fs.gofer.host.HostStat;
import dev.cairn.fs.gofer.host.Libc;
import dev.cairn.fs.gofer.p9.Attr;
import dev.cairn.fs.gofer.p9.Codec;
import dev.cairn.fs.gofer.p9.DirEntry;
import dev.cairn.fs.gofer.p9.Message;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.fs.gofer.p9.Qid;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Attach, walk and the directory-changing requests of one connection. */
final class DirRequests {
    private final Export export;
    private final Fids fids;
    private final Owner owner;

    /** The uid new files get (the attaching user's), settable once per attach. */
    static final class Owner {
        volatile int uid;
    }

    DirRequests(Export export, Fids fids, Owner owner) {
        this.export = export;
        this.fids = fids;
        this.owner = owner;
    }

    Message attach(Tattach m) throws ErrnoException {
        String aname = m.aname();
        if (m.afid() != Message.NOFID) {
            throw Errno.EINVAL.exception("attach: no authentication fids exist");
        }
        Fid root = export.attach();
        String base = export.exportedPath();
        if (!aname.isEmpty() && !aname.equals(base) && !aname.equals("/")) {
            String prefix = base.endsWith("/") ? base : base + "/";
            if (!aname.startsWith(prefix)) {
                root.release();
                throw Errno.ENOENT.exception("attach name \"" + aname + "\" is not exported (" + base + ")");
            }
            root = attachBelow(root, aname.substring(prefix.length()), aname);
        }
        fids.put(m.fid(), root);
        owner.uid = m.nUname() == -1 ? 0 : m.nUname();
        return new Rattach(export.qid(Host.fstat(root.pathFd(), "attach")));
    }

    /** An attach name below the export: walked like any walk, one safe step per component. */
    private Fid attachBelow(Fid root, String rest, String aname) throws ErrnoException {
        int fd = root.pathFd();
        java.util.List<String> path = java.util.List.of();
        int dup = Host.dup(fd, "attach " + aname);
        root.release();
        fd = dup;
        for (String c : rest.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                Host.close(fd);
                throw Errno.ENOENT.exception("attach name \"" + aname + "\" contains \"..\"");
            }
            Export.Step s;
            try {
                s = export.step(fd, path, c);
            } finally {
                Host.close(fd);
            }
            fd = s.fd();
            path = s.path();
            if (!s.stat().isDirectory()) {
                Host.close(fd);
                throw Errno.ENOTDIR.exception("attach name \"" + aname + "\"");
            }
        }
        return new Fid(fd, path, HostStat.S_IFDIR);
    }

    Message walk(Twalk m) throws ErrnoException {
        Fid from = fids.get(m.fid());
        // walking from an opened fid is allowed (diod allows it and its clients rely on it): the
        // walk uses only the fid's O_PATH fd, never its I/O fd
        if (m.newfid() != m.fid() && fids.inUse(m.newfid())) {
            throw Errno.EBADF.exception("walk: newfid " + Integer.toUnsignedString(m.newfid()) + " in use");
        }
        int fd = Host.dup(from.pathFd(), "walk " + from.describe());
        List<String> path = from.path();
        int type = from.fileType();
        List<Qid> qids = new ArrayList<>();
        for (String name : m.names()) {
            if (type != HostStat.S_IFDIR) {
                if (qids.isEmpty()) {
                    Host.close(fd);
                    throw Errno.ENOTDIR.exception("walk " + Export.describe(path, name));
                }
                break;
            }
            Export.Step s;
            try {
                s = export.step(fd, path, name);
            } catch (ErrnoException e) {
                if (qids.isEmpty()) {
                    Host.close(fd);
                    throw e;
                }
                break;
            }
            Host.close(fd);
            fd = s.fd();
            path = s.path();
            type = s.stat().mode() & HostStat.S_IFMT;
            qids.add(export.qid(s.stat()));
        }
        if (qids.size() < m.names().size()) {
            Host.close(fd);
            return new Rwalk(qids);
        }
        Fid walked = new Fid(fd, path, type);
        if (m.newfid() == m.fid()) {
            fids.replace(m.fid(), walked);
        } else {
            fids.put(m.newfid(), walked);
        }
        return new Rwalk(qids);
    }

    private Fid dir(int fid, String what) throws ErrnoException {
        Fid d = fids.get(fid);
        if (!d.isDirectory()) {
            throw Errno.ENOTDIR.exception(what + " in " + d.describe());
        }
        return d;
    }

    /** Sets the owner of a new entry to (attach uid, gid), when the server may (running as root). */
    private void chown(int dirfd, String name, int gid, int mode, String what) throws ErrnoException {
        int fd = Host.openAt(dirfd, name, Libc.O_PATH, 0, what);
        try {
            own(fd, owner.uid, gid, mode, what);
        } finally {
            Host.close(fd);
        }
    }

    /**
     * Gives a new file (fd: O_PATH or open) owner {@code uid} and group {@code gid} when they
     * differ and the server runs as root; chown clears setuid/setgid, so the requested mode is
     * put back afterwards (root may keep them, as Linux lets root create such files).
     */
    static void own(int fd, int uid, int gid, int mode, String what) throws ErrnoException {
        if (!Host.isRoot()) {
            return;
        }
        HostStat st = Host.fstat(fd, what);
        if (st.uid() == uid && st.gid() == gid) {
            return;
        }
        Host.chownFd(fd, uid, gid, what);
        if ((mode & 06000) != 0 && !st.isSymlink()) {
            Host.chmodFd(fd, mode, what);
        }
    }

    private Qid created(int dirfd, String name, String what) throws ErrnoException {
        return export.qid(Host.statAt(dirfd, name, what));
    }

    Message mkdir(Tmkdir m) throws ErrnoException {
        Fid d = dir(m.dfid(), "mkdir");
        String what = "mkdir " + Export.describe(d.path(), m.name());
        Export.checkName(m.name(), what);
        export.checkWritable(what);
        Host.mkdirAt(d.pathFd(), m.name(), m.mode() & 07777, what);
        chown(d.pathFd(), m.name(), m.gid(), m.mode() & 07777, what);
        return new Rmkdir(created(d.pathFd(), m.name(), what));
    }

    Message symlink(Tsymlink m) throws ErrnoException {
        Fid d = dir(m.fid(), "symlink");
        String what = "symlink " + Export.describe(d.path(), m.name());
        Export.checkName(m.name(), what);
        export.checkWritable(what);
        if (m.target().isEmpty() || m.target().indexOf('\0') >= 0) {
            throw Errno.ENOENT.exception(what + ": empty or NUL in target");
        }
        Host.symlinkAt(m.target(), d.pathFd(), m.name(), what);
        chown(d.pathFd(), m.name(), m.gid(), 0, what);
        return new Rsymlink(created(d.pathFd(), m.name(), what));
    }

    Message mknod(Tmknod m) throws ErrnoException {
        Fid d = dir(m.dfid(), "mknod");
        String what = "mknod " + Export.describe(d.path(), m.name());
        Export.checkName(m.name(), what);
        export.checkWritable(what);
        int type = m.mode() & HostStat.S_IFMT;
        if (type == HostStat.S_IFDIR || type == HostStat.S_IFLNK) {
            throw Errno.EINVAL.exception(what + ": mknod cannot make type 0" + Integer.toOctalString(type));
        }
        Host.mknodAt(d.pathFd(), m.name(), m.mode(), Attr.makedev(m.major(), m.minor()), what);
        chown(d.pathFd(), m.name(), m.gid(), m.mode() & 07777, what);
        return new Rmknod(created(d.pathFd(), m.name(), what));
    }

    Message link(Tlink m) throws ErrnoException {
        Fid d = dir(m.dfid(), "link");
        Fid target = fids.get(m.fid());
        String what = "link " + Export.describe(d.path(), m.name()) + " to " + target.describe();
        Export.checkName(m.name(), what);
        export.checkWritable(what);
        if (target.isDirectory()) {
            throw Errno.EPERM.exception(what + ": a directory");
        }
        Host.linkFd(target.pathFd(), d.pathFd(), m.name(), what);
        return new Rlink();
    }

    Message renameat(Trenameat m) throws ErrnoException {
        Fid from = dir(m.oldDirFid(), "rename");
        Fid to = dir(m.newDirFid(), "rename");
        String what = "rename " + Export.describe(from.path(), m.oldName()) + " to "
                + Export.describe(to.path(), m.newName());
        Export.checkName(m.oldName(), what);
        Export.checkName(m.newName(), what);
        export.checkWritable(what);
        Host.renameAt(from.pathFd(), m.oldName(), to.pathFd(), m.newName(), what);
        return new Rrenameat();
    }

    Message rename(Trename m) throws ErrnoException {
        Fid f = fids.get(m.fid());
        Fid to = dir(m.dfid(), "rename");
        String what = "rename " + f.describe() + " to " + Export.describe(to.path(), m.name());
        Export.checkName(m.name(), what);
        export.checkWritable(what);
        Export.Parent parent = export.locate(f, what);
        try {
            Host.renameAt(parent.fd(), parent.name(), to.pathFd(), m.name(), what);
        } finally {
            Host.close(parent.fd());
        }
        return new Rrename();
    }

    Message unlinkat(Tunlinkat m) throws ErrnoException {
        Fid d = dir(m.dirFid(), "unlink");
        String what = "unlink " + Export.describe(d.path(), m.name());
        Export.checkName(m.name(), what);
        export.checkWritable(what);
        Host.unlinkAt(d.pathFd(), m.name(), m.flags() & Libc.AT_REMOVEDIR, what);
        return new Runlinkat();
    }

    /** Tremove: unlinks the fid's file and clunks the fid whatever happens. */
    Message remove(Tremove m) throws ErrnoException {
        Fid f = fids.remove(m.fid());
        try {
            String what = "remove " + f.describe();
            export.checkWritable(what);
            Export.Parent parent = export.locate(f, what);
            try {
                Host.unlinkAt(parent.fd(), parent.name(), f.isDirectory() ? Libc.AT_REMOVEDIR : 0, what);
            } finally {
                Host.close(parent.fd());
            }
        } finally {
            f.release();
        }
        return new Rremove();
    }

    Message readlink(Treadlink m) throws ErrnoException {
        Fid f = fids.get(m.fid());
        if (!f.isSymlink()) {
            throw Errno.EINVAL.exception("readlink " + f.describe() + ": not a symlink");
        }
        return new Rreadlink(Host.readlinkAt(f.pathFd(), null, "readlink " + f.describe()));
    }

    Message statfs(Tstatfs m) throws ErrnoException {
        Fid f = fids.get(m.fid());
        long[] s = Host.fstatfs(f.pathFd(), "statfs " + f.describe());
        return new Rstatfs((int) s[0], (int) s[1], s[2], s[3], s[4], s[5], s[6], s[7], (int) s[8]);
    }

    /** Treaddir on a directory fid opened with Tlopen; {@code max} bounds the reply's entry bytes. */
    Message readdir(Treaddir m, int max) throws ErrnoException {
        Fid f = fids.get(m.fid());
        String what = "readdir " + f.describe();
        if (!f.isDirectory() || f.openFd() < 0) {
            throw Errno.EBADF.exception(what + ": not an opened directory");
        }
        int budget = Math.min(m.count(), max);
        List<DirEntry> out = new ArrayList<>();
        synchronized (f) {
            int fd = f.openFd();
            Host.seek(fd, m.offset(), what);
            ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(1024, Math.min(budget + 512, 64 * 1024)))
                    .order(ByteOrder.nativeOrder());
            int used = 0;
            outer:
            while (true) {
                buf.clear();
                int n;
                try {
                    n = Host.getdents(fd, buf, what);
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.ENOENT) {
                        throw e;
                    }
                    n = 0; // a removed directory: Linux says ENOENT, glibc's readdir (and we) say "empty"
                }
                if (n <= 0) {
                    break;
                }
                int pos = 0;
                while (pos < n) {
                    DirEntry e = hostDirent(buf, pos);
                    int reclen = buf.getShort(pos + 16) & 0xffff;
                    int size = Codec.direntSize(e);
                    if (used + size > budget) {
                        if (out.isEmpty()) {
                            throw Errno.EINVAL.exception(what + ": count " + m.count() + " too small for an entry");
                        }
                        break outer;
                    }
                    out.add(e);
                    used += size;
                    pos += reclen;
                }
            }
        }
        return new Rreaddir(out);
    }

    private DirEntry hostDirent(ByteBuffer b, int pos) {
        long ino = b.getLong(pos);
        long off = b.getLong(pos + 8);
        int reclen = b.getShort(pos + 16) & 0xffff;
        int type = b.get(pos + 18) & 0xff;
        int end = pos + 19;
        while (end < pos + reclen && b.get(end) != 0) {
            end++;
        }
        byte[] name = new byte[end - pos - 19];
        b.get(pos + 19, name);
        int qt = type == 4 ? Qid.QTDIR : type == 10 ? Qid.QTSYMLINK : Qid.QTFILE;
        return new DirEntry(new Qid(qt, 0, ino), off, type, new String(name, StandardCharsets.UTF_8));
    }
}
