package dev.cairn.bench;

import java.nio.ByteBuffer;

/**
 * The operations measured, implemented once per filesystem under test. A session is what one
 * benchmark thread uses (a Cairn Task; for java.nio the shared FileSystem itself). Paths are
 * absolute within the filesystem under test ("/deep/d1/...").
 */
interface BenchFs extends AutoCloseable {
    /** A per-thread handle. */
    Session session();

    @Override
    void close() throws Exception;

    interface Session {
        void mkdirs(String path) throws Exception;

        /** Creates an empty file (O_CREAT|O_EXCL), closes it. */
        void touch(String path) throws Exception;

        /** Writes {@code chunk} {@code count} times to a new or truncated file. */
        void writeSequential(String path, ByteBuffer chunk, int count) throws Exception;

        /** create (O_EXCL) + close, stat, unlink; returns the size stat saw. */
        long createStatDelete(String path) throws Exception;

        /** stat; returns the size. */
        long stat(String path) throws Exception;

        /** Lists a directory; returns the number of entries (without "." and ".."). */
        int list(String dir) throws Exception;

        /** Writes {@code data} to a new file, reads it back into {@code buf}, deletes it. */
        int writeReadDelete(String path, ByteBuffer data, ByteBuffer buf) throws Exception;

        /** Reads a whole file through {@code chunk}; returns the bytes read. */
        long readSequential(String path, ByteBuffer chunk) throws Exception;
    }
}
