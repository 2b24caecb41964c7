package dev.cairn.fs.gofer.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.Buffer;

/**
 * The libc calls the gofer server and the fd transport make, directly mapped through JNA
 * (x86-64 / aarch64 Linux, glibc ≥ 2.33). Paths are NUL-terminated UTF-8 byte arrays
 * ({@link #cstr}); buffers are direct. A failing call throws {@link LastErrorException}
 * carrying errno.
 */
public final class Libc {
    static {
        Native.register(NativeLibrary.getInstance("c"));
    }

    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_EMPTY_PATH = 0x1000;

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_ACCMODE = 3;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    /** Architecture-dependent ({@link HostArch}). */
    public static final int O_DIRECTORY = HostArch.CURRENT.oDirectory;
    /** Architecture-dependent ({@link HostArch}). */
    public static final int O_NOFOLLOW = HostArch.CURRENT.oNofollow;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_PATH = 010000000;

    public static final int SEEK_SET = 0;
    public static final int F_OFD_GETLK = 36;
    public static final int F_OFD_SETLK = 37;

    private Libc() {
    }

    /** A path or name as C wants it. */
    public static byte[] cstr(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return z;
    }

    public static native int openat(int dirfd, byte[] path, int flags, int mode) throws LastErrorException;

    public static native int close(int fd) throws LastErrorException;

    public static native int fstatat(int dirfd, byte[] path, Buffer statbuf, int flags) throws LastErrorException;

    public static native int mkdirat(int dirfd, byte[] path, int mode) throws LastErrorException;

    public static native int mknodat(int dirfd, byte[] path, int mode, long dev) throws LastErrorException;

    public static native int unlinkat(int dirfd, byte[] path, int flags) throws LastErrorException;

    public static native int renameat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath)
            throws LastErrorException;

    public static native int symlinkat(byte[] target, int dirfd, byte[] linkpath) throws LastErrorException;

    public static native long readlinkat(int dirfd, byte[] path, byte[] buf, long size) throws LastErrorException;

    public static native int linkat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags)
            throws LastErrorException;

    public static native int fchmodat(int dirfd, byte[] path, int mode, int flags) throws LastErrorException;

    public static native int fchownat(int dirfd, byte[] path, int uid, int gid, int flags) throws LastErrorException;

    /** {@code times}: atime sec, nsec, mtime sec, nsec. */
    public static native int utimensat(int dirfd, byte[] path, long[] times, int flags) throws LastErrorException;

    public static native int fstatfs(int fd, Buffer buf) throws LastErrorException;

    public static native long getdents64(int fd, Buffer buf, long count) throws LastErrorException;

    public static native long lseek(int fd, long offset, int whence) throws LastErrorException;

    public static native long pread(int fd, Buffer buf, long count, long offset) throws LastErrorException;

    public static native long pwrite(int fd, Buffer buf, long count, long offset) throws LastErrorException;

    public static native long read(int fd, Buffer buf, long count) throws LastErrorException;

    public static native long write(int fd, Buffer buf, long count) throws LastErrorException;

    public static native int ftruncate(int fd, long length) throws LastErrorException;

    public static native int fsync(int fd) throws LastErrorException;

    public static native int fdatasync(int fd) throws LastErrorException;

    public static native int fcntl(int fd, int cmd, Buffer arg) throws LastErrorException;

    public static native long getxattr(byte[] path, byte[] name, Buffer value, long size) throws LastErrorException;

    public static native int setxattr(byte[] path, byte[] name, Buffer value, long size, int flags)
            throws LastErrorException;

    public static native long listxattr(byte[] path, Buffer list, long size) throws LastErrorException;

    public static native int removexattr(byte[] path, byte[] name) throws LastErrorException;

    public static native int geteuid();

    public static native int umask(int mask);

    public static native int dup(int fd) throws LastErrorException;

    public static native int shutdown(int fd, int how) throws LastErrorException;

    public static native int socket(int domain, int type, int protocol) throws LastErrorException;

    /** {@code addr}: a struct sockaddr as bytes. */
    public static native int bind(int fd, byte[] addr, int len) throws LastErrorException;

    public static native int listen(int fd, int backlog) throws LastErrorException;

    public static native int accept4(int fd, Pointer addr, Pointer len, int flags) throws LastErrorException;

    public static native int connect(int fd, byte[] addr, int len) throws LastErrorException;

    /** {@code msg}: a struct msghdr in native memory. */
    public static native long sendmsg(int fd, Pointer msg, int flags) throws LastErrorException;

    public static native long recvmsg(int fd, Pointer msg, int flags) throws LastErrorException;

    public static native int setsockopt(int fd, int level, int name, int[] value, int len) throws LastErrorException;

    /** socketpair(AF_UNIX=1, SOCK_STREAM=1 | SOCK_CLOEXEC, 0, sv). */
    public static native int socketpair(int domain, int type, int protocol, int[] sv) throws LastErrorException;
}
