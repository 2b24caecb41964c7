package dev.cairn.fs.gofer.host;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;

/**
 * A blocking {@link ByteChannel} over a file descriptor (a socket or pipe handed to the gofer
 * process with {@code --fd N}, or a Unix socket from {@link UnixSockets}), reading and
 * writing through libc. Owns the fd: {@link #close()} shuts the socket down (waking a blocked
 * reader) and closes it.
 *
 * <p>On a Unix socket it can also carry file descriptors: {@link #writeWithFd} attaches one
 * to the first byte written, and a channel made with {@code receiveFds} collects the fds that
 * arrive with the bytes it reads, for {@link #takeReceivedFds} (a channel that does not
 * receive them lets the kernel close them). Reads are meant for one thread at a time; writes
 * may come from any thread, serialised by the caller.
 */
public final class FdChannel implements ByteChannel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FdChannel.class);
    private static final int BOUNCE = 256 * 1024;
    private static final int[] NONE = {};

    private final int fd;
    private final boolean receiveFds;
    private final ThreadLocal<ByteBuffer> bounce =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BOUNCE));
    /** Fds received and not yet taken; guarded by this. */
    private int[] received = NONE;
    private volatile boolean open = true;

    public FdChannel(int fd) {
        this(fd, false);
    }

    /** @param receiveFds collect the fds that arrive with the data (Unix sockets only) */
    public FdChannel(int fd, boolean receiveFds) {
        this.fd = fd;
        this.receiveFds = receiveFds;
    }

    /** The fds that arrived with the bytes read so far and were not taken yet; the caller owns them. */
    public synchronized int[] takeReceivedFds() {
        int[] r = received;
        received = NONE;
        return r;
    }

    private synchronized void addReceived(int newFd) {
        int[] r = java.util.Arrays.copyOf(received, received.length + 1);
        r[received.length] = newFd;
        received = r;
    }

    /**
     * Writes all of {@code src} with {@code passFd} attached to its first byte (the peer gets
     * its own descriptor of the same open file). Callers serialise writers.
     */
    public void writeWithFd(ByteBuffer src, int passFd) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        ByteBuffer io = src.isDirect() ? src.slice() : ByteBuffer.allocateDirect(src.remaining()).put(src.duplicate()).flip();
        long n;
        try {
            n = UnixSockets.sendWithFd(fd, io, passFd);
        } catch (LastErrorException e) {
            throw new IOException("sendmsg on fd " + fd + ": errno " + e.getErrorCode());
        }
        src.position(src.position() + (int) n);
        while (src.hasRemaining()) {
            write(src);
        }
    }

    public int fd() {
        return fd;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        ByteBuffer io = dst.isDirect() ? dst : bounce.get().clear().limit(Math.min(dst.remaining(), BOUNCE));
        ByteBuffer target = dst.isDirect() ? dst.slice() : io;
        long n;
        try {
            if (receiveFds) {
                n = UnixSockets.receive(fd, target, this::addReceived);
                if ((n & (1L << 62)) != 0) {
                    n &= ~(1L << 62);
                    LOG.warn("fd {}: the kernel dropped file descriptors sent with the data", fd);
                }
            } else {
                n = Libc.read(fd, target, target.remaining());
            }
        } catch (LastErrorException e) {
            if (!open) {
                throw new ClosedChannelException();
            }
            throw new IOException("read from fd " + fd + ": errno " + e.getErrorCode());
        }
        if (n <= 0) {
            return n == 0 ? -1 : (int) n;
        }
        if (dst.isDirect()) {
            dst.position(dst.position() + (int) n);
        } else {
            io.limit((int) n);
            dst.put(io);
        }
        return (int) n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        ByteBuffer io;
        if (src.isDirect()) {
            io = src.slice();
        } else {
            io = bounce.get().clear();
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + Math.min(part.remaining(), io.capacity()));
            io.put(part).flip();
        }
        long n;
        try {
            n = Libc.write(fd, io, io.remaining());
        } catch (LastErrorException e) {
            throw new IOException("write to fd " + fd + ": errno " + e.getErrorCode());
        }
        src.position(src.position() + (int) n);
        return (int) n;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        for (int r : takeReceivedFds()) {
            Host.close(r); // arrived, never taken
        }
        try {
            Libc.shutdown(fd, 2);
        } catch (LastErrorException e) {
            // not a socket (a pipe): closing is enough
        }
        Host.close(fd);
    }
}
