package dev.cairn.fs.gofer.host;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;

/**
 * A blocking {@link ByteChannel} over an inherited file descriptor (a socket or pipe handed
 * to the gofer process with {@code --fd N}), reading and writing through libc. Owns the fd:
 * {@link #close()} shuts the socket down (waking a blocked reader) and closes it.
 */
public final class FdChannel implements ByteChannel {
    private final int fd;
    private final ThreadLocal<ByteBuffer> bounce =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(64 * 1024));
    private volatile boolean open = true;

    public FdChannel(int fd) {
        this.fd = fd;
    }

    public int fd() {
        return fd;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        ByteBuffer io = dst.isDirect() ? dst : bounce.get().clear().limit(Math.min(dst.remaining(), 64 * 1024));
        ByteBuffer target = dst.isDirect() ? dst.slice() : io;
        long n;
        try {
            n = Libc.read(fd, target, target.remaining());
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
        try {
            Libc.shutdown(fd, 2);
        } catch (LastErrorException e) {
            // not a socket (a pipe): closing is enough
        }
        Host.close(fd);
    }
}
