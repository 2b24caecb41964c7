package dev.cairn.fs.gofer.server;

import com.sun.jna.LastErrorException;
import dev.cairn.fs.gofer.host.Host;
import dev.cairn.fs.gofer.host.HostStat;
import dev.cairn.fs.gofer.host.Libc;
import dev.cairn.fs.gofer.p9.Message;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Attributes, open, I/O, locks and extended attributes of one connection's fids. */
final class FileRequests {
    private static final long UTIME_NOW = (1L << 30) - 1;
    private static final long UTIME_OMIT = (1L << 30) - 2;
    /** Flags a client may pass to Tlopen/Tlcreate; the rest (O_CREAT, O_NOCTTY...) are dropped. */
    private static final int OPEN_FLAGS = Libc.O_ACCMODE | Libc.O_TRUNC | Libc.O_APPEND | Libc.O_NONBLOCK
            | 010000 /* O_DSYNC */ | 04000000 /* O_SYNC */ | 01000000 /* O_NOATIME */;
    private static final int XATTR_SIZE_MAX = 65536;
    private static final ThreadLocal<ByteBuffer> IO =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(64 * 1024));

    private final Export export;
    private final Fids fids;
    private final DirRequests.Owner owner;

    FileRequests(Export export, Fids fids, DirRequests.Owner owner) {
        this.export = export;
        this.fids = fids;
        this.owner = owner;
    }

    Message getattr(Tgetattr m) throws ErrnoException {
        Fid f = fids.get(m.fid());
        return new Rgetattr(export.attr(Host.fstat(f.pathFd(), "getattr " + f.describe())));
    }

    Message setattr(Tsetattr m) throws ErrnoException {
        Fid f = fids.get(m.fid());
        String what = "setattr " + f.describe();
        export.checkWritable(what);
        int v = m.valid();
        int fd = f.pathFd();
        if ((v & (Tsetattr.UID | Tsetattr.GID)) != 0) {
            Host.chownFd(fd, (v & Tsetattr.UID) != 0 ? m.uid() : -1, (v & Tsetattr.GID) != 0 ? m.gid() : -1, what);
        }
        if ((v & Tsetattr.MODE) != 0) {
            if (f.isSymlink()) {
                throw Errno.EOPNOTSUPP.exception(what + ": chmod of a symlink");
            }
            Host.chmodFd(fd, m.mode() & 07777, what);
        }
        if ((v & Tsetattr.SIZE) != 0) {
            HostStat st = Host.fstat(fd, what);
            if (st.isDirectory()) {
                throw Errno.EISDIR.exception(what);
            }
            if (!st.isRegular()) {
                throw Errno.EINVAL.exception(what + ": size of a non-regular file");
            }
            Host.truncate(fd, m.size(), what);
        }
        if ((v & (Tsetattr.ATIME | Tsetattr.MTIME)) != 0) {
            long[] t = {0, UTIME_OMIT, 0, UTIME_OMIT};
            if ((v & Tsetattr.ATIME) != 0) {
                t[0] = m.atimeSec();
                t[1] = (v & Tsetattr.ATIME_SET) != 0 ? m.atimeNsec() : UTIME_NOW;
            }
            if ((v & Tsetattr.MTIME) != 0) {
                t[2] = m.mtimeSec();
                t[3] = (v & Tsetattr.MTIME_SET) != 0 ? m.mtimeNsec() : UTIME_NOW;
            }
            if (f.isSymlink()) {
                Export.Parent parent = export.locate(f, what);
                try {
                    Host.utimes(parent.fd(), parent.name(), t, what);
                } finally {
                    Host.close(parent.fd());
                }
            } else {
                Host.utimes(fd, null, t, what);
            }
        }
        return new Rsetattr();
    }

    private static boolean mutates(int flags) {
        return (flags & Libc.O_ACCMODE) != Libc.O_RDONLY || (flags & Libc.O_TRUNC) != 0;
    }

    Message lopen(Tlopen m) throws ErrnoException {
        Fid f = fids.get(m.fid());
        synchronized (f) { // two Tlopens of one fid: one wins, the other gets EBADF
            return lopenLocked(f, m);
        }
    }

    private Message lopenLocked(Fid f, Tlopen m) throws ErrnoException {
        String what = "open " + f.describe();
        int flags = m.flags() & OPEN_FLAGS;
        if (f.isOpen()) {
            throw Errno.EBADF.exception(what + ": fid already open");
        }
        if (mutates(flags)) {
            export.checkWritable(what);
        }
        int fd;
        if (f.isDirectory()) {
            if ((flags & Libc.O_ACCMODE) != Libc.O_RDONLY) {
                throw Errno.EISDIR.exception(what);
            }
            // through /proc/self/fd: works for a directory already removed (it lists as empty)
            fd = reopenNoatime(f.pathFd(), Libc.O_RDONLY | Libc.O_DIRECTORY | (flags & O_NOATIME), what);
        } else if (f.isSymlink()) {
            throw Errno.ELOOP.exception(what + ": a symlink");
        } else {
            HostStat st = Host.fstat(f.pathFd(), what);
            if (!st.isRegular()) {
                throw Errno.EPERM.exception(what + ": the gofer opens only regular files and directories");
            }
            fd = reopenNoatime(f.pathFd(), flags, what);
        }
        f.setOpen(fd, flags);
        return new Rlopen(export.qid(Host.fstat(fd, what)), 0);
    }

    /**
     * Opens with the client's flags; O_NOATIME (which the Cairn client always asks for, as it
     * keeps access times itself) is dropped when the server may not use it (not the owner).
     */
    private static int reopenNoatime(int pathFd, int flags, String what) throws ErrnoException {
        try {
            return Host.reopen(pathFd, flags, what);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EPERM || (flags & O_NOATIME) == 0) {
                throw e;
            }
            return Host.reopen(pathFd, flags & ~O_NOATIME, what);
        }
    }

    private static final int O_NOATIME = 01000000;

    Message lcreate(Tlcreate m) throws ErrnoException {
        Fid d = fids.get(m.fid());
        String what = "create " + Export.describe(d.path(), m.name());
        Export.checkName(m.name(), what);
        if (!d.isDirectory() || d.isOpen()) {
            throw Errno.ENOTDIR.exception(what);
        }
        export.checkWritable(what);
        int flags = (m.flags() & OPEN_FLAGS) | Libc.O_CREAT | (m.flags() & Libc.O_EXCL);
        int fd = Host.openAt(d.pathFd(), m.name(), flags, m.mode() & 07777, what);
        int pathFd = -1;
        try {
            DirRequests.own(fd, owner.uid, m.gid(), m.mode() & 07777, what);
            pathFd = Host.openAt(d.pathFd(), m.name(), Libc.O_PATH, 0, what);
            HostStat st = Host.fstat(fd, what);
            d.becomeCreated(pathFd, m.name(), st.mode() & HostStat.S_IFMT, fd, flags);
            return new Rlcreate(export.qid(st), 0);
        } catch (ErrnoException e) {
            Host.close(fd);
            Host.close(pathFd);
            throw e;
        }
    }

    Message read(Tread m, int maxData) throws ErrnoException {
        Fid f = fids.get(m.fid());
        byte[] xv = f.xattrValue();
        int count = Math.min(m.count(), maxData);
        if (xv != null) {
            if (m.offset() < 0 || m.offset() >= xv.length) {
                return new Rread(ByteBuffer.allocate(0));
            }
            int n = (int) Math.min(count, xv.length - m.offset());
            return new Rread(ByteBuffer.wrap(xv, (int) m.offset(), n).slice());
        }
        int fd = f.openFd();
        String what = "read " + f.describe();
        if (fd < 0 || f.isDirectory() || (f.openFlags() & Libc.O_ACCMODE) == Libc.O_WRONLY) {
            throw Errno.EBADF.exception(what + ": not open for reading");
        }
        ByteBuffer io = ioBuffer(count);
        io.clear().limit(count);
        int total = 0;
        while (total < count) {
            io.position(total);
            long n = Host.pread(fd, io, m.offset() + total, what);
            if (n <= 0) {
                break;
            }
            total += (int) n;
        }
        // a view of this worker's buffer: valid until the worker's next request, and the
        // session writes the reply (straight from it, no copy) before taking another
        io.position(0).limit(total);
        return new Rread(io.slice());
    }

    /** This worker's direct I/O buffer, grown to {@code n} bytes (at most one msize). */
    private static ByteBuffer ioBuffer(int n) {
        ByteBuffer b = IO.get();
        if (b.capacity() < n) {
            b = ByteBuffer.allocateDirect(n);
            IO.set(b);
        }
        return b;
    }

    Message write(Twrite m) throws ErrnoException {
        Fid f = fids.get(m.fid());
        Fid.XattrWrite xw = f.xattrWrite();
        ByteBuffer data = m.data().duplicate();
        if (xw != null) {
            return xattrData(xw, m.offset(), data);
        }
        String what = "write " + f.describe();
        int fd = f.openFd();
        if (fd < 0 || (f.openFlags() & Libc.O_ACCMODE) == Libc.O_RDONLY) {
            throw Errno.EBADF.exception(what + ": not open for writing");
        }
        export.checkWritable(what);
        ByteBuffer io = ioBuffer(data.remaining());
        io.clear();
        io.put(data).flip();
        int total = 0;
        while (io.hasRemaining()) {
            long n = Host.pwrite(fd, io, m.offset() + total, what);
            if (n <= 0) {
                break;
            }
            total += (int) n;
            io.position(total);
        }
        return new Rwrite(total);
    }

    private Message xattrData(Fid.XattrWrite xw, long offset, ByteBuffer data) throws ErrnoException {
        synchronized (xw) {
            if (offset != xw.written()[0] || offset + data.remaining() > xw.value().length) {
                throw Errno.EINVAL.exception("xattr " + xw.name() + ": write beyond the announced size");
            }
            int n = data.remaining();
            data.get(xw.value(), (int) offset, n);
            xw.written()[0] += n;
            return new Rwrite(n);
        }
    }

    Message fsync(Tfsync m) throws ErrnoException {
        Fid f = fids.get(m.fid());
        int fd = f.openFd();
        if (fd < 0) {
            throw Errno.EBADF.exception("fsync " + f.describe() + ": not open");
        }
        Host.fsync(fd, m.datasync() != 0, "fsync " + f.describe());
        return new Rfsync();
    }

    Message clunk(Tclunk m) throws ErrnoException {
        Fid f = fids.remove(m.fid());
        try {
            Fid.XattrWrite xw = f.xattrWrite();
            if (xw != null) {
                commitXattr(f, xw);
            }
        } finally {
            f.release();
        }
        return new Rclunk();
    }

    private void commitXattr(Fid f, Fid.XattrWrite xw) throws ErrnoException {
        String what = "setxattr " + f.describe() + " " + xw.name();
        try {
            if (xw.value().length == 0 && xw.flags() == 2 /* XATTR_REPLACE: how v9fs removes */) {
                Libc.removexattr(Host.procPath(f.pathFd()), Libc.cstr(xw.name()));
            } else {
                if (xw.written()[0] != xw.value().length) {
                    throw Errno.EINVAL.exception(what + ": value shorter than announced");
                }
                ByteBuffer v = ByteBuffer.allocateDirect(xw.value().length).put(xw.value()).flip();
                Libc.setxattr(Host.procPath(f.pathFd()), Libc.cstr(xw.name()), v, v.remaining(), xw.flags());
            }
        } catch (LastErrorException e) {
            throw new ErrnoException(Errno.of(e.getErrorCode()), what);
        }
    }

    /** Txattrwalk: newfid reads the value of {@code name}, or the NUL-separated list when empty. */
    Message xattrwalk(Txattrwalk m) throws ErrnoException {
        Fid f = fids.get(m.fid());
        String what = "getxattr " + f.describe() + " " + m.name();
        byte[] path = Host.procPath(f.pathFd());
        ByteBuffer buf = ByteBuffer.allocateDirect(XATTR_SIZE_MAX);
        long n;
        try {
            n = m.name().isEmpty() ? Libc.listxattr(path, buf, XATTR_SIZE_MAX)
                    : Libc.getxattr(path, Libc.cstr(m.name()), buf, XATTR_SIZE_MAX);
        } catch (LastErrorException e) {
            throw new ErrnoException(Errno.of(e.getErrorCode()), what);
        }
        byte[] value = new byte[(int) n];
        buf.get(0, value);
        Fid x = new Fid(Host.dup(f.pathFd(), what), f.path(), 0);
        x.setXattrValue(value);
        fids.put(m.newfid(), x);
        return new Rxattrwalk(n);
    }

    Message xattrcreate(Txattrcreate m) throws ErrnoException {
        Fid f = fids.get(m.fid());
        String what = "setxattr " + f.describe() + " " + m.name();
        export.checkWritable(what);
        if (m.attrSize() < 0 || m.attrSize() > XATTR_SIZE_MAX) {
            throw Errno.E2BIG.exception(what + ": size " + m.attrSize());
        }
        if (m.name().isEmpty() || f.isOpen()) {
            throw Errno.EINVAL.exception(what);
        }
        f.setXattrWrite(new Fid.XattrWrite(m.name(), new byte[(int) m.attrSize()], m.flags() & 3, new int[1]));
        return new Rxattrcreate();
    }

    Message lock(Tlock m) throws ErrnoException {
        Fid f = fids.get(m.fid());
        int fd = f.openFd();
        if (fd < 0) {
            throw Errno.EBADF.exception("lock " + f.describe() + ": not open");
        }
        ByteBuffer fl = flock(m.lockType(), m.start(), m.length());
        try {
            Libc.fcntl(fd, Libc.F_OFD_SETLK, fl);
            return new Rlock(Rlock.SUCCESS);
        } catch (LastErrorException e) {
            int err = e.getErrorCode();
            return new Rlock(err == Errno.EAGAIN.number() || err == Errno.EACCES.number() ? Rlock.BLOCKED
                    : Rlock.ERROR);
        }
    }

    Message getlock(Tgetlock m) throws ErrnoException {
        Fid f = fids.get(m.fid());
        int fd = f.openFd();
        String what = "getlock " + f.describe();
        if (fd < 0) {
            throw Errno.EBADF.exception(what + ": not open");
        }
        ByteBuffer fl = flock(m.lockType(), m.start(), m.length());
        try {
            Libc.fcntl(fd, Libc.F_OFD_GETLK, fl);
        } catch (LastErrorException e) {
            throw new ErrnoException(Errno.of(e.getErrorCode()), what);
        }
        int pid = fl.getInt(24);
        return new Rgetlock(fl.getShort(0), fl.getLong(8), fl.getLong(16), pid < 0 ? 0 : pid, m.clientId());
    }

    /** struct flock (x86-64): l_type, l_whence (short each), l_start, l_len, l_pid (0 for OFD locks). */
    private static ByteBuffer flock(int type, long start, long length) throws ErrnoException {
        if (type < 0 || type > 2) {
            throw Errno.EINVAL.exception("lock type " + type);
        }
        ByteBuffer b = ByteBuffer.allocateDirect(32).order(ByteOrder.nativeOrder());
        b.putShort(0, (short) type).putShort(2, (short) Libc.SEEK_SET).putLong(8, start).putLong(16, length)
                .putInt(24, 0);
        return b;
    }
}
