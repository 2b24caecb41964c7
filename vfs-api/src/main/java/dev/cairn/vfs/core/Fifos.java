package dev.cairn.vfs.core;

import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.OpenFile;
import java.util.IdentityHashMap;

/** The pipes of FIFO nodes in one VFS, one per node while it is open. */
final class Fifos {
    /** Guarded by itself. */
    private final IdentityHashMap<Node, Pipe> pipes = new IdentityHashMap<>();

    OpenFile open(Node node, int flags) throws ErrnoException {
        Pipe p;
        synchronized (pipes) {
            p = pipes.computeIfAbsent(node, n -> new Pipe());
        }
        Pipe pipe = p;
        try {
            return pipe.open(flags, () -> drop(node, pipe));
        } catch (ErrnoException e) {
            drop(node, pipe);
            throw e;
        }
    }

    private void drop(Node node, Pipe pipe) {
        synchronized (pipes) {
            if (pipes.get(node) == pipe && pipe.unused()) {
                pipes.remove(node);
            }
        }
    }
}
