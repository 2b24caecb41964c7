package dev.cairn.fs.gofer.server;

import dev.cairn.fs.gofer.host.FdChannel;
import dev.cairn.fs.gofer.host.Host;
import dev.cairn.fs.gofer.host.Libc;
import dev.cairn.fs.gofer.host.UnixSockets;
import dev.cairn.fs.gofer.p9.Framing;
import dev.cairn.vfs.ErrnoException;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gofer: exports one host directory over 9P2000.L, to connections it is given or that it
 * accepts on a TCP or Unix socket. Each connection is an independent {@link Session}. Usable
 * in-process (tests, the launcher) or through {@link GoferMain} as its own OS process.
 */
public final class GoferServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(GoferServer.class);

    private final Export export;
    private final int msize;
    private final AtomicInteger sessions = new AtomicInteger();
    private volatile ServerSocketChannel listener;
    /** The listening Unix socket's fd, or -1. */
    private volatile int unixListener = -1;
    private volatile Path unixPath;
    private volatile boolean donateFds;

    /**
     * @param root     the exported directory
     * @param readOnly every mutation fails with EROFS
     * @param msize    the largest msize offered (clients may negotiate lower)
     */
    public GoferServer(Path root, boolean readOnly, int msize) throws ErrnoException {
        this.export = new Export(root, readOnly);
        this.msize = msize;
    }

    public GoferServer(Path root, boolean readOnly) throws ErrnoException {
        this(root, readOnly, Framing.DEFAULT_MSIZE);
    }

    /**
     * Donates host fds on Unix socket connections: the reply to Tlopen of a regular file
     * carries ({@code SCM_RIGHTS}) the fd the server opened for it, so that a client in
     * another process can read and write it directly. A client that does not take the fd
     * loses nothing (the kernel closes it). Off by default; Cairn's launcher turns it on
     * for the connections it hands to a sandbox. Applies to sessions started afterwards.
     */
    public void setDonateFds(boolean donate) {
        this.donateFds = donate;
    }

    /** The exported path, which is also the attach name clients may use. */
    public String exportedPath() {
        return export.exportedPath();
    }

    /** Serves {@code channel} on a new thread; the session closes it when done. */
    public Thread serve(ByteChannel channel) {
        Thread t = new Thread(newSession(channel), "gofer-reader-" + sessions.get());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Serves {@code channel} on the calling thread until the peer goes away. */
    public void serveHere(ByteChannel channel) {
        newSession(channel).run();
    }

    private Session newSession(ByteChannel channel) {
        Session s = new Session(channel, export, msize, "s" + sessions.incrementAndGet());
        s.setDonateFds(donateFds && channel instanceof FdChannel);
        return s;
    }

    /**
     * Listens on {@code spec}: {@code tcp:HOST:PORT} or {@code unix:PATH}. A stale unix socket
     * file is replaced; it is removed again by {@link #close()}.
     *
     * @return the bound address (the actual port for {@code tcp:HOST:0})
     */
    public SocketAddress listen(String spec) throws IOException {
        ServerSocketChannel ch;
        if (spec.startsWith("tcp:")) {
            String hp = spec.substring(4);
            int colon = hp.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("--listen tcp:HOST:PORT, got " + spec);
            }
            String host = hp.substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(hp.substring(colon + 1));
            ch = ServerSocketChannel.open(StandardProtocolFamily.INET);
            ch.bind(new InetSocketAddress(host, port));
        } else if (spec.startsWith("unix:")) {
            return listenUnix(Path.of(spec.substring(5)).toAbsolutePath());
        } else {
            throw new IllegalArgumentException("--listen wants tcp:HOST:PORT or unix:PATH, got " + spec);
        }
        listener = ch;
        SocketAddress bound = ch.getLocalAddress();
        Thread t = new Thread(() -> acceptLoop(ch), "gofer-accept");
        t.setDaemon(true);
        t.start();
        LOG.info("gofer exporting {}{} on {}", export.exportedPath(), export.readOnly() ? " (read-only)" : "", bound);
        return bound;
    }

    /** A Unix socket through libc, so that its connections can carry fds. */
    private SocketAddress listenUnix(Path p) throws IOException {
        Files.deleteIfExists(p);
        int fd;
        try {
            fd = UnixSockets.listen(p, 64);
        } catch (ErrnoException e) {
            throw new IOException(e.getMessage(), e);
        }
        unixListener = fd;
        unixPath = p;
        Thread t = new Thread(() -> acceptLoop(fd), "gofer-accept");
        t.setDaemon(true);
        t.start();
        LOG.info("gofer exporting {}{} on unix:{}", export.exportedPath(), export.readOnly() ? " (read-only)" : "", p);
        return UnixDomainSocketAddress.of(p);
    }

    private void acceptLoop(int listenFd) {
        while (unixListener == listenFd) {
            try {
                serve(new FdChannel(UnixSockets.accept(listenFd)));
            } catch (ErrnoException e) {
                if (unixListener == listenFd) {
                    LOG.warn("gofer accept failed: {}", e.getMessage());
                }
                return;
            }
        }
    }

    private void acceptLoop(ServerSocketChannel ch) {
        while (ch.isOpen()) {
            try {
                SocketChannel c = ch.accept();
                serve(c);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("gofer accept failed: {}", e.toString());
                return;
            }
        }
    }

    /** Stops listening and removes the unix socket file. Running sessions end with their peers. */
    @Override
    public void close() {
        ServerSocketChannel l = listener;
        if (l != null) {
            try {
                l.close();
            } catch (IOException e) {
                LOG.debug("closing listener: {}", e.toString());
            }
        }
        int u = unixListener;
        if (u >= 0) {
            unixListener = -1;
            try {
                Libc.shutdown(u, 2); // wakes the accept
            } catch (com.sun.jna.LastErrorException e) {
                LOG.debug("shutdown of the listener: errno {}", e.getErrorCode());
            }
            Host.close(u);
        }
        Path p = unixPath;
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("could not remove socket {}: {}", p, e.toString());
            }
        }
    }
}
