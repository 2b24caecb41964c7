package dev.cairn.vfs.core;

import dev.cairn.vfs.Dirent;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.spi.OpenFile;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A task's fd-based system calls (and the whole-file conveniences built on them). */
final class FdOps {
    private final TaskImpl t;

    FdOps(TaskImpl t) {
        this.t = t;
    }

    void close(int fd) throws ErrnoException {
        t.fds.remove(fd).decRef();
    }

    int dup(int fd) throws ErrnoException {
        FileDescription d = t.fds.get(fd);
        d.incRef();
        try {
            return t.fds.install(d, false, 0);
        } catch (ErrnoException e) {
            d.decRef();
            throw e;
        }
    }

    int dup2(int fd, int newfd) throws ErrnoException {
        FileDescription d = t.fds.get(fd);
        if (fd == newfd) {
            return newfd;
        }
        d.incRef();
        FileDescription old;
        try {
            old = t.fds.installAt(d, newfd);
        } catch (ErrnoException e) {
            d.decRef();
            throw e;
        }
        if (old != null) {
            old.decRef();
        }
        return newfd;
    }

    int read(int fd, ByteBuffer dst) throws ErrnoException {
        FileDescription d = t.fds.get(fd);
        if (dst == null) {
            throw Errno.EFAULT.exception("read fd " + fd + ": null buffer");
        }
        try {
            return d.read(dst, t.credentials());
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "read fd " + fd);
        }
    }

    int write(int fd, ByteBuffer src) throws ErrnoException {
        FileDescription d = t.fds.get(fd);
        if (src == null) {
            throw Errno.EFAULT.exception("write fd " + fd + ": null buffer");
        }
        try {
            return d.write(src, t.credentials());
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "write fd " + fd);
        }
    }

    int pread(int fd, ByteBuffer dst, long offset) throws ErrnoException {
        FileDescription d = t.fds.get(fd);
        if (dst == null) {
            throw Errno.EFAULT.exception("pread fd " + fd + ": null buffer");
        }
        try {
            return d.pread(dst, offset, t.credentials());
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "pread fd " + fd);
        }
    }

    int pwrite(int fd, ByteBuffer src, long offset) throws ErrnoException {
        FileDescription d = t.fds.get(fd);
        if (src == null) {
            throw Errno.EFAULT.exception("pwrite fd " + fd + ": null buffer");
        }
        try {
            return d.pwrite(src, offset, t.credentials());
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "pwrite fd " + fd);
        }
    }

    long lseek(int fd, long offset, int whence) throws ErrnoException {
        FileDescription d = t.fds.get(fd);
        try {
            return d.lseek(offset, whence);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "lseek fd " + fd);
        }
    }

    List<Dirent> getdents(int fd, int max) throws ErrnoException {
        FileDescription d = t.fds.get(fd);
        try {
            long dot = d.dentry.node.stat().ino();
            long dotdot = parentIno(d.mount, d.dentry, dot);
            return d.getdents(max, dot, dotdot, t.credentials());
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "getdents fd " + fd);
        }
    }

    Stat fstat(int fd) throws ErrnoException {
        FileDescription d = t.fds.get(fd);
        try {
            return TaskImpl.statOf(d.dentry);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "fstat fd " + fd);
        }
    }

    void ftruncate(int fd, long length) throws ErrnoException {
        FileDescription d = t.fds.get(fd);
        if (d.isPath() || !OpenFlags.writable(d.flags)) {
            throw (d.isPath() ? Errno.EBADF : Errno.EINVAL).exception("ftruncate fd " + fd + ": not open for writing");
        }
        try {
            t.ops.truncateNode(d.mount, d.dentry, length, false, "fd " + fd);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "ftruncate fd " + fd);
        }
    }

    void fsync(int fd) throws ErrnoException {
        FileDescription d = t.fds.get(fd);
        if (d.isPath()) {
            throw Errno.EBADF.exception("fsync fd " + fd + ": O_PATH");
        }
        try {
            d.file.sync(false);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "fsync fd " + fd);
        }
    }

    void fallocate(int fd, int mode, long offset, long length) throws ErrnoException {
        FileDescription d = t.fds.get(fd);
        if (d.isPath() || !OpenFlags.writable(d.flags)) {
            throw Errno.EBADF.exception("fallocate fd " + fd + ": not open for writing");
        }
        if (offset < 0 || length <= 0) {
            throw Errno.EINVAL.exception("fallocate fd " + fd + ": offset " + offset + " length " + length);
        }
        if (d.dentry.isDir()) {
            throw Errno.EISDIR.exception("fallocate fd " + fd);
        }
        if (!d.dentry.isRegular()) {
            throw Errno.ENODEV.exception("fallocate fd " + fd + ": not a regular file");
        }
        try {
            d.file.allocate(mode, offset, length);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "fallocate fd " + fd);
        }
    }

    int ioctl(int fd, int request, ByteBuffer arg) throws ErrnoException {
        FileDescription d = t.fds.get(fd);
        if (arg == null) {
            arg = ByteBuffer.allocate(0);
        }
        if (d.isPath()) {
            throw Errno.EBADF.exception("ioctl fd " + fd + ": O_PATH");
        }
        try {
            return d.file.ioctl(request, arg);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "ioctl fd " + fd);
        }
    }

    int fileFlags(int fd) throws ErrnoException {
        return t.fds.get(fd).flags;
    }

    byte[] readFile(String path) throws ErrnoException {
        int fd = t.open(path, OpenFlags.O_RDONLY, 0);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(65536);
            for (;;) {
                buf.clear();
                int n = t.read(fd, buf);
                if (n <= 0) {
                    return out.toByteArray();
                }
                out.write(buf.array(), 0, n);
            }
        } finally {
            t.close(fd);
        }
    }

    void writeFile(String path, byte[] data) throws ErrnoException {
        int fd = t.open(path, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, 0666);
        try {
            ByteBuffer src = ByteBuffer.wrap(data);
            while (src.hasRemaining()) {
                if (t.write(fd, src) <= 0) {
                    throw Errno.EIO.exception("write " + path + ": no progress");
                }
            }
        } finally {
            t.close(fd);
        }
    }

    List<String> listDir(String path) throws ErrnoException {
        int fd = t.open(path, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY, 0);
        try {
            List<String> out = new ArrayList<>();
            for (;;) {
                List<Dirent> batch = t.getdents(fd, 1024);
                if (batch.isEmpty()) {
                    return out;
                }
                for (Dirent e : batch) {
                    if (!e.name().equals(".") && !e.name().equals("..")) {
                        out.add(e.name());
                    }
                }
            }
        } finally {
            t.close(fd);
        }
    }

    /** The inode of ".." as seen from (m, d): across mount roots, itself at the task root. */
    private long parentIno(MountImpl m, Dentry d, long self) throws ErrnoException {
        Walk w = t.newWalk();
        w.m = m;
        w.d = d;
        w.dotdot();
        return w.d == d ? self : w.d.node.stat().ino();
    }

    int poll(int fd, int events) throws ErrnoException {
        FileDescription d = t.fds.get(fd);
        if (d.isPath()) {
            throw Errno.EBADF.exception("poll fd " + fd + ": O_PATH");
        }
        if (d.dentry.isRegular() || d.dentry.isDir()) {
            return events & (OpenFile.POLLIN | OpenFile.POLLOUT);
        }
        try {
            return d.file.poll(events);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "poll fd " + fd);
        }
    }
}
