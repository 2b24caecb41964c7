package dev.cairn.bench;

import java.nio.ByteBuffer;

/**
 * One side of {@link GoferBench}: the operations measured, implemented once over a Cairn Task
 * ({@link GoferTaskPeer}: the 9p client in either cache mode, or Cairn's tmpfs) and once over
 * java.nio on the exported host directory ({@link GoferHostPeer}). Paths are absolute within
 * the tree under test ("/tree/a/b/small").
 */
interface GoferPeer extends AutoCloseable {
    /** stat; returns the size. */
    long stat(String path) throws Exception;

    /** open O_RDONLY, one read into {@code buf}, close; returns the bytes read. */
    int openReadClose(String path, ByteBuffer buf) throws Exception;

    /** Reads a whole file through {@code chunk}; returns the bytes read. */
    long readSequential(String path, ByteBuffer chunk) throws Exception;

    /** Creates or truncates {@code path} and writes {@code chunk} {@code count} times, then closes it. */
    void writeSequential(String path, ByteBuffer chunk, int count) throws Exception;

    /**
     * Lists a directory and lstats every entry (as {@code ls -l} does: getdents, then
     * fstatat(AT_SYMLINK_NOFOLLOW) per name); returns the sum of the sizes, so no stat is dead.
     */
    long listWithAttributes(String dir) throws Exception;

    @Override
    void close() throws Exception;
}
