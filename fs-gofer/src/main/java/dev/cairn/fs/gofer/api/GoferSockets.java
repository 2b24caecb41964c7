package dev.cairn.fs.gofer.api;

import dev.cairn.fs.gofer.host.FdChannel;
import dev.cairn.fs.gofer.host.UnixSockets;
import dev.cairn.vfs.ErrnoException;
import java.nio.channels.ByteChannel;
import java.nio.file.Path;

/**
 * Connections to a gofer's Unix socket that can receive the host fds a gofer donates
 * ({@code GoferMain --donate-fds}): with such a connection a {@code 9p} mount reads and writes
 * the files it opens through the donated fds instead of Tread/Twrite. A plain
 * {@link java.nio.channels.SocketChannel} works too, without donation (the kernel then closes
 * donated fds on arrival). The launcher makes every sandbox connection with {@link #connect}.
 */
public final class GoferSockets {
    private GoferSockets() {
    }

    /**
     * Connects to the gofer listening on {@code socket}.
     *
     * @return a blocking channel, owned by the caller (then by the mount it is handed to)
     * @throws ErrnoException ENOENT when nothing is there, ECONNREFUSED when nothing listens,
     *                        ENAMETOOLONG for a path longer than a socket address holds
     */
    public static ByteChannel connect(Path socket) throws ErrnoException {
        return new FdChannel(UnixSockets.connect(socket.toAbsolutePath()), true);
    }
}
