package dev.cairn.fs.gofer.client;

import dev.cairn.fs.gofer.api.GoferConnection;
import dev.cairn.fs.gofer.api.GoferSockets;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.MountContext;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;

/** Finds or opens the byte stream a {@code 9p} mount talks over. */
final class Connections {
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private Connections() {
    }

    static ByteChannel open(MountContext ctx, MountConfig cfg) throws ErrnoException {
        switch (cfg.trans()) {
            case FD: return handedOver(ctx, cfg.fd());
            case TCP: return tcp(ctx.source(), cfg.port());
            default: return unix(ctx.source());
        }
    }

    @SuppressWarnings("unchecked")
    private static ByteChannel handedOver(MountContext ctx, int fd) throws ErrnoException {
        var direct = ctx.internalData(GoferConnection.INTERNAL_DATA_KEY, Object.class);
        if (direct.isPresent()) {
            Object o = direct.get();
            if (o instanceof GoferConnection g) {
                return claim(g.channel(), fd);
            }
            if (o instanceof ByteChannel ch) {
                return claim(ch, fd);
            }
            if (o instanceof java.util.concurrent.Callable<?> opener) {
                try {
                    Object ch = opener.call();
                    if (ch instanceof ByteChannel c) {
                        return claim(c, fd);
                    }
                } catch (Exception e) {
                    throw new ErrnoException(Errno.EIO, "9p: opening the gofer connection: " + e.getMessage(), e);
                }
            }
            throw Errno.EINVAL.exception("9p: internal data " + GoferConnection.INTERNAL_DATA_KEY + " is a "
                    + o.getClass().getName());
        }
        var table = ctx.vfs().attribute(GoferConnection.FD_TABLE_ATTRIBUTE, Map.class);
        if (table.isPresent()) {
            Object ch = table.get().get(fd);
            if (ch instanceof ByteChannel c) {
                return claim(c, fd);
            }
        }
        throw Errno.EBADF.exception("9p: no gofer connection with rfdno=" + fd);
    }

    /** Connections already carrying a 9P session (a second session on one stream would hang). */
    private static final java.util.Set<ByteChannel> CLAIMED =
            java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    private static ByteChannel claim(ByteChannel ch, int fd) throws ErrnoException {
        if (!ch.isOpen()) {
            throw Errno.EBADF.exception("9p: gofer connection rfdno=" + fd + " is closed");
        }
        if (!CLAIMED.add(ch)) {
            throw Errno.EBUSY.exception("9p: gofer connection rfdno=" + fd + " is already used by another mount");
        }
        return ch;
    }

    private static ByteChannel tcp(String host, int port) throws ErrnoException {
        String what = "9p: connect tcp " + host + ":" + port;
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.socket().connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            ch.socket().setTcpNoDelay(true);
            return ch;
        } catch (ConnectException e) {
            closeQuietly(ch);
            throw Errno.ECONNREFUSED.exception(what);
        } catch (java.net.SocketTimeoutException e) {
            closeQuietly(ch);
            throw Errno.ETIMEDOUT.exception(what);
        } catch (IOException | IllegalArgumentException e) {
            closeQuietly(ch);
            throw new ErrnoException(Errno.EIO, what + ": " + e.getMessage(), e);
        }
    }

    /** Through libc, so that the fds a gofer donates arrive ({@link GoferSockets}). */
    private static ByteChannel unix(String path) throws ErrnoException {
        try {
            return GoferSockets.connect(java.nio.file.Path.of(path));
        } catch (java.nio.file.InvalidPathException e) {
            throw Errno.EINVAL.exception("9p: connect unix " + path + ": " + e.getMessage());
        } catch (ErrnoException e) {
            throw new ErrnoException(e.errno(), "9p: " + e.detail(), e);
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing to do: the connection never worked
            }
        }
    }
}
