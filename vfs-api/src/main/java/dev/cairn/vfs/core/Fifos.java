package dev.cairn.vfs.core;

import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.Filesystem;
import dev.cairn.vfs.spi.OpenFile;
import java.util.HashMap;
import java.util.Map;

/**
 * The pipes of FIFOs in one VFS, one per FIFO while it is open. A FIFO is the file, not the
 * Java object: the pipe is keyed by (filesystem instance, inode number), so every name of it
 * (hard links) and every {@link dev.cairn.vfs.spi.Node} a filesystem makes for it over time (a
 * remote filesystem whose lookups make new nodes after revalidation, or after the file was
 * renamed by others) reach the same pipe, as they reach Linux's one inode. Inode numbers are
 * unique within a filesystem instance while the file exists; a number that is reused after the
 * FIFO is deleted joins the old pipe only while the old one is still open.
 */
final class Fifos {
    /** A FIFO: its filesystem instance (by identity) and its inode number. */
    private record Key(Filesystem fs, long ino) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.fs == fs && k.ino == ino;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(fs) * 31 + Long.hashCode(ino);
        }
    }

    /** Guarded by itself. */
    private final Map<Key, Pipe> pipes = new HashMap<>();

    /** Opens the pipe of the FIFO {@code node} of {@code fs} whose inode number is {@code ino}. */
    OpenFile open(Filesystem fs, long ino, int flags) throws ErrnoException {
        Key key = new Key(fs, ino);
        Pipe p;
        synchronized (pipes) {
            p = pipes.computeIfAbsent(key, k -> new Pipe());
        }
        Pipe pipe = p;
        try {
            return pipe.open(flags, () -> drop(key, pipe));
        } catch (ErrnoException e) {
            drop(key, pipe);
            throw e;
        }
    }

    private void drop(Key key, Pipe pipe) {
        synchronized (pipes) {
            if (pipes.get(key) == pipe && pipe.unused()) {
                pipes.remove(key);
            }
        }
    }
}
