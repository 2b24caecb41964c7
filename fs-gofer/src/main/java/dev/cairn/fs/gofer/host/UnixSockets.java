package dev.cairn.fs.gofer.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * Unix stream sockets through libc, for what {@code java.nio} cannot do: passing file
 * descriptors ({@code SCM_RIGHTS}) along with the bytes of a stream. Listening, accepting
 * and connecting give plain fds, wrapped by {@link FdChannel}.
 *
 * <p>The native structures are laid out for LP64 Linux (x86-64, aarch64): {@code struct
 * msghdr} is 56 bytes, {@code struct iovec} 16, {@code struct cmsghdr} a 16-byte header
 * followed by its data, each control message padded to 8 bytes.
 */
public final class UnixSockets {
    static final int AF_UNIX = 1;
    static final int SOCK_STREAM = 1;
    static final int SOCK_CLOEXEC = 02000000;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int SO_SNDBUF = 7;
    private static final int SO_RCVBUF = 8;
    private static final int SO_SNDBUFFORCE = 32;
    private static final int SO_RCVBUFFORCE = 33;
    private static final int MSG_CTRUNC = 0x8;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int SUN_PATH_MAX = 107;

    private static final int MSGHDR = 56;
    private static final int IOVEC = 16;
    private static final int CMSG_HEADER = 16;
    /** Room for the control messages of one receive: up to 8 fds. */
    private static final int CONTROL = CMSG_HEADER + 8 * 4;
    /** Socket buffers asked for: large frames then need fewer wake-ups of the peer. */
    static final int BUFFER_BYTES = 4 << 20;

    /** Scratch for one sendmsg/recvmsg: msghdr, iovec, control. Per thread. */
    private static final ThreadLocal<Memory> SCRATCH =
            ThreadLocal.withInitial(() -> new Memory(MSGHDR + IOVEC + CONTROL));

    private UnixSockets() {
    }

    /** A socket listening on {@code path} (which must not exist). */
    public static int listen(Path path, int backlog) throws ErrnoException {
        int fd = socket("listen " + path);
        try {
            byte[] addr = address(path);
            Libc.bind(fd, addr, addr.length);
            Libc.listen(fd, backlog);
            return fd;
        } catch (LastErrorException e) {
            Host.close(fd);
            throw errno(e, "listen on " + path);
        }
    }

    /** The next connection on a listening socket; blocks. EINVAL once the socket is shut down. */
    public static int accept(int listenFd) throws ErrnoException {
        try {
            int fd = Libc.accept4(listenFd, null, null, SOCK_CLOEXEC);
            enlargeBuffers(fd);
            return fd;
        } catch (LastErrorException e) {
            throw errno(e, "accept");
        }
    }

    /** A socket connected to the one listening on {@code path}. */
    public static int connect(Path path) throws ErrnoException {
        int fd = socket("connect " + path);
        try {
            byte[] addr = address(path);
            Libc.connect(fd, addr, addr.length);
            enlargeBuffers(fd);
            return fd;
        } catch (LastErrorException e) {
            Host.close(fd);
            throw errno(e, "connect to " + path);
        }
    }

    private static int socket(String what) throws ErrnoException {
        try {
            return Libc.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw errno(e, what);
        }
    }

    /** Larger send and receive buffers (forced when privileged, else up to the system's maximum). */
    static void enlargeBuffers(int fd) {
        int[] v = {BUFFER_BYTES};
        for (int[] opt : new int[][] {{SO_SNDBUFFORCE, SO_SNDBUF}, {SO_RCVBUFFORCE, SO_RCVBUF}}) {
            try {
                Libc.setsockopt(fd, SOL_SOCKET, opt[0], v, 4);
            } catch (LastErrorException e) {
                try {
                    Libc.setsockopt(fd, SOL_SOCKET, opt[1], v, 4);
                } catch (LastErrorException e2) {
                    // the default size works too, only slower
                }
            }
        }
    }

    private static byte[] address(Path path) throws ErrnoException {
        byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
        if (p.length > SUN_PATH_MAX) {
            throw Errno.ENAMETOOLONG.exception("unix socket path " + path + " is longer than " + SUN_PATH_MAX
                    + " bytes");
        }
        byte[] a = new byte[2 + p.length + 1];
        a[0] = AF_UNIX; // sa_family_t, little-endian
        System.arraycopy(p, 0, a, 2, p.length);
        return a;
    }

    /**
     * Sends the bytes of {@code src} from its position with {@code fd} attached: the peer
     * receives the fd with the first of these bytes. Returns the bytes sent (maybe fewer than
     * remaining: the caller writes the rest normally); {@code src}'s position is not moved.
     */
    static long sendWithFd(int socket, ByteBuffer src, int fd) throws LastErrorException {
        Memory m = message(src, CMSG_HEADER + 8); // CMSG_SPACE(sizeof(int))
        m.setLong(MSGHDR + IOVEC, CMSG_HEADER + 4); // cmsg_len: CMSG_LEN(sizeof(int))
        m.setInt(MSGHDR + IOVEC + 8, SOL_SOCKET);
        m.setInt(MSGHDR + IOVEC + 12, SCM_RIGHTS);
        m.setInt(MSGHDR + IOVEC + CMSG_HEADER, fd);
        return Libc.sendmsg(socket, m, MSG_NOSIGNAL);
    }

    /**
     * This thread's scratch, cleared and set up as a msghdr with one iovec over the direct
     * {@code data} (from its position, its remaining bytes) and {@code controlLen} bytes of
     * control buffer after the iovec.
     */
    private static Memory message(ByteBuffer data, long controlLen) {
        Memory m = SCRATCH.get();
        long iov = Pointer.nativeValue(m) + MSGHDR;
        m.clear();
        m.setLong(16, iov);                      // msg_iov
        m.setLong(24, 1);                        // msg_iovlen
        m.setLong(32, iov + IOVEC);              // msg_control
        m.setLong(40, controlLen);               // msg_controllen
        m.setLong(MSGHDR, Pointer.nativeValue(Native.getDirectBufferPointer(data).share(data.position())));
        m.setLong(MSGHDR + 8, data.remaining());
        return m;
    }

    /**
     * Receives into the direct {@code dst} (from its position, at most its remaining bytes;
     * its position is not moved) and hands every fd that came along to {@code fds} (opened
     * close-on-exec). Returns the bytes received, 0 at end of stream.
     *
     * @return the count, with bit 62 set when the kernel dropped fds for lack of room
     */
    static long receive(int socket, ByteBuffer dst, IntConsumer fds) throws LastErrorException {
        Memory m = message(dst, CONTROL);
        long n = Libc.recvmsg(socket, m, MSG_CMSG_CLOEXEC);
        long controlLen = m.getLong(40);
        int off = 0;
        while (off + CMSG_HEADER <= controlLen) {
            long len = m.getLong(MSGHDR + IOVEC + off);
            if (len < CMSG_HEADER || off + len > controlLen) {
                break;
            }
            int level = m.getInt(MSGHDR + IOVEC + off + 8);
            int type = m.getInt(MSGHDR + IOVEC + off + 12);
            if (level == SOL_SOCKET && type == SCM_RIGHTS) {
                for (int i = 0; i < (len - CMSG_HEADER) / 4; i++) {
                    fds.accept(m.getInt(MSGHDR + IOVEC + off + CMSG_HEADER + 4L * i));
                }
            }
            off += (int) ((len + 7) & ~7L);
        }
        boolean truncated = (m.getInt(48) & MSG_CTRUNC) != 0;
        return truncated ? n | (1L << 62) : n;
    }

    private static ErrnoException errno(LastErrorException e, String what) {
        return new ErrnoException(Errno.of(e.getErrorCode()), what);
    }
}
