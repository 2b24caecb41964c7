package dev.cairn.fs.gofer.host;

import com.sun.jna.LastErrorException;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Host calls with errno turned into {@link ErrnoException}, each naming what it acted on.
 * Every name passed here is one path component: callers (the server's walker) have already
 * refused '/' and "..", and every open of a component uses O_NOFOLLOW, so nothing here
 * resolves a path that could leave the directory fd it is relative to.
 */
public final class Host {
    private static final byte[] EMPTY = {0};
    private static final ThreadLocal<ByteBuffer> STAT_BUF =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(256).order(ByteOrder.nativeOrder()));

    private Host() {
    }

    static ErrnoException fail(LastErrorException e, String what) {
        return new ErrnoException(Errno.of(e.getErrorCode()), what);
    }

    /** The /proc/self/fd path of {@code fd}: opening it reaches exactly that inode, no lookup. */
    public static byte[] procPath(int fd) {
        return Libc.cstr("/proc/self/fd/" + fd);
    }

    public static int openAt(int dirfd, String name, int flags, int mode, String what) throws ErrnoException {
        try {
            return Libc.openat(dirfd, Libc.cstr(name), flags | Libc.O_CLOEXEC | Libc.O_NOFOLLOW, mode);
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    /** Opens the same inode as the O_PATH {@code fd} anew with {@code flags}. */
    public static int reopen(int fd, int flags, String what) throws ErrnoException {
        try {
            return Libc.openat(Libc.AT_FDCWD, procPath(fd), flags | Libc.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    public static void close(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            Libc.close(fd);
        } catch (LastErrorException e) {
            // close errors carry no meaning for an O_PATH or read-only fd; nothing to undo
        }
    }

    public static HostStat fstat(int fd, String what) throws ErrnoException {
        return statAt(fd, null, what);
    }

    /** fstatat without following; {@code name} null means the fd itself. */
    public static HostStat statAt(int dirfd, String name, String what) throws ErrnoException {
        ByteBuffer b = STAT_BUF.get();
        try {
            if (name == null) {
                Libc.fstatat(dirfd, EMPTY, b, Libc.AT_EMPTY_PATH | Libc.AT_SYMLINK_NOFOLLOW);
            } else {
                Libc.fstatat(dirfd, Libc.cstr(name), b, Libc.AT_SYMLINK_NOFOLLOW);
            }
            return HostStat.decode(b);
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    public static void mkdirAt(int dirfd, String name, int mode, String what) throws ErrnoException {
        try {
            Libc.mkdirat(dirfd, Libc.cstr(name), mode);
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    public static void mknodAt(int dirfd, String name, int mode, long dev, String what) throws ErrnoException {
        try {
            Libc.mknodat(dirfd, Libc.cstr(name), mode, dev);
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    public static void symlinkAt(String target, int dirfd, String name, String what) throws ErrnoException {
        try {
            Libc.symlinkat(Libc.cstr(target), dirfd, Libc.cstr(name));
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    public static String readlinkAt(int dirfd, String name, String what) throws ErrnoException {
        byte[] buf = new byte[4097];
        try {
            long n = Libc.readlinkat(dirfd, name == null ? EMPTY : Libc.cstr(name), buf, buf.length);
            if (n >= buf.length) {
                throw Errno.ENAMETOOLONG.exception(what);
            }
            return new String(buf, 0, (int) n, StandardCharsets.UTF_8);
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    public static void unlinkAt(int dirfd, String name, int flags, String what) throws ErrnoException {
        try {
            Libc.unlinkat(dirfd, Libc.cstr(name), flags);
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    public static void renameAt(int olddir, String oldName, int newdir, String newName, String what)
            throws ErrnoException {
        try {
            Libc.renameat(olddir, Libc.cstr(oldName), newdir, Libc.cstr(newName));
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    /** Hard link to the inode of O_PATH {@code fd} (AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH). */
    public static void linkFd(int fd, int newdir, String name, String what) throws ErrnoException {
        try {
            Libc.linkat(fd, EMPTY, newdir, Libc.cstr(name), Libc.AT_EMPTY_PATH);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != Errno.ENOENT.number() && e.getErrorCode() != Errno.EPERM.number()) {
                throw fail(e, what);
            }
            try {
                // without CAP_DAC_READ_SEARCH: link through the magic link, following it
                Libc.linkat(Libc.AT_FDCWD, procPath(fd), newdir, Libc.cstr(name), 0x400 /* AT_SYMLINK_FOLLOW */);
            } catch (LastErrorException e2) {
                throw fail(e2, what);
            }
        }
    }

    public static void chmodFd(int fd, int mode, String what) throws ErrnoException {
        try {
            Libc.fchmodat(Libc.AT_FDCWD, procPath(fd), mode, 0);
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    public static void chownFd(int fd, int uid, int gid, String what) throws ErrnoException {
        try {
            Libc.fchownat(fd, EMPTY, uid, gid, Libc.AT_EMPTY_PATH);
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    /** utimensat on a name in {@code dirfd} (no follow), or on {@code dirfd} itself when name is null. */
    public static void utimes(int dirfd, String name, long[] times, String what) throws ErrnoException {
        try {
            if (name == null) {
                Libc.utimensat(Libc.AT_FDCWD, procPath(dirfd), times, 0);
            } else {
                Libc.utimensat(dirfd, Libc.cstr(name), times, Libc.AT_SYMLINK_NOFOLLOW);
            }
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    public static void truncate(int fd, long size, String what) throws ErrnoException {
        int wfd = reopen(fd, Libc.O_WRONLY, what);
        try {
            Libc.ftruncate(wfd, size);
        } catch (LastErrorException e) {
            throw fail(e, what);
        } finally {
            close(wfd);
        }
    }

    /** pread into the direct {@code dst} from its position; positions are not moved. */
    public static long pread(int fd, ByteBuffer dst, long offset, String what) throws ErrnoException {
        try {
            return Libc.pread(fd, dst.slice(), dst.remaining(), offset);
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    public static long pwrite(int fd, ByteBuffer src, long offset, String what) throws ErrnoException {
        try {
            return Libc.pwrite(fd, src.slice(), src.remaining(), offset);
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    public static void fsync(int fd, boolean dataOnly, String what) throws ErrnoException {
        try {
            if (dataOnly) {
                Libc.fdatasync(fd);
            } else {
                Libc.fsync(fd);
            }
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    /** statfs fields: type, bsize, blocks, bfree, bavail, files, ffree, fsid, namelen. */
    public static long[] fstatfs(int fd, String what) throws ErrnoException {
        ByteBuffer b = ByteBuffer.allocateDirect(128).order(ByteOrder.nativeOrder());
        try {
            Libc.fstatfs(fd, b);
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
        long fsid = (b.getInt(56) & 0xffffffffL) | ((long) b.getInt(60) << 32);
        return new long[] {b.getLong(0), b.getLong(8), b.getLong(16), b.getLong(24), b.getLong(32),
            b.getLong(40), b.getLong(48), fsid, b.getLong(64)};
    }

    public static void seek(int fd, long offset, String what) throws ErrnoException {
        try {
            Libc.lseek(fd, offset, Libc.SEEK_SET);
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    public static int getdents(int fd, ByteBuffer buf, String what) throws ErrnoException {
        try {
            return (int) Libc.getdents64(fd, buf, buf.capacity());
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    public static int dup(int fd, String what) throws ErrnoException {
        try {
            return Libc.dup(fd);
        } catch (LastErrorException e) {
            throw fail(e, what);
        }
    }

    public static boolean isRoot() {
        return Libc.geteuid() == 0;
    }
}
