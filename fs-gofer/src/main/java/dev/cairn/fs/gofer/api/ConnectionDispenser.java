package dev.cairn.fs.gofer.api;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.nio.channels.ByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The ordered gofer connections of one sandbox (the reference's "fd dispenser"): the root's
 * first, then one per bind mount in spec order. Boot takes them with {@link #next()} as it
 * mounts and calls {@link #checkAllConsumed()} when setup is done. Thread-safe.
 */
public final class ConnectionDispenser {
    private final List<ByteChannel> connections;
    private int next;

    public ConnectionDispenser(List<? extends ByteChannel> connections) {
        this.connections = new ArrayList<>(connections);
    }

    /**
     * The next connection, with its number (its index, used as rfdno/wfdno in the mount data).
     *
     * @throws ErrnoException EINVAL "9P mount requires a connection" when none is left
     */
    public synchronized GoferConnection next() throws ErrnoException {
        if (next >= connections.size()) {
            throw Errno.EINVAL.exception("9P mount requires a connection");
        }
        int n = next++;
        return new GoferConnection(n, connections.get(n));
    }

    /** Connections not yet handed out. */
    public synchronized int remaining() {
        return connections.size() - next;
    }

    /**
     * @throws ErrnoException EINVAL "not all gofer connections were consumed" when some are left
     */
    public synchronized void checkAllConsumed() throws ErrnoException {
        if (next < connections.size()) {
            throw Errno.EINVAL.exception("not all gofer connections were consumed (" + remaining() + " left)");
        }
    }
}
