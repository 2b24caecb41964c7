package dev.cairn.dev.mem;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.nio.ByteBuffer;

/** Helpers shared by the memory devices' open files. */
final class MemFiles {
    /** Largest chunk filled at a time, so a huge read never allocates a huge array. */
    static final int CHUNK = 64 * 1024;

    /** Never written to: the source of zeros for buffers without an accessible array. */
    private static final byte[] ZEROS = new byte[CHUNK];

    private MemFiles() {
    }

    /** Fills all of {@code dst} with zeros; returns the number of bytes filled. */
    static int fillZeros(ByteBuffer dst) {
        int n = dst.remaining();
        if (dst.hasArray()) {
            int start = dst.arrayOffset() + dst.position();
            java.util.Arrays.fill(dst.array(), start, start + n, (byte) 0);
            dst.position(dst.position() + n);
            return n;
        }
        while (dst.hasRemaining()) {
            dst.put(ZEROS, 0, Math.min(CHUNK, dst.remaining()));
        }
        return n;
    }

    /** Consumes all of {@code src} as a write that keeps nothing; returns its length. */
    static int discard(ByteBuffer src) {
        int n = src.remaining();
        src.position(src.limit());
        return n;
    }

    /**
     * lseek on these devices: 0 for every valid whence (SEEK_SET, CUR, END, DATA, HOLE), as
     * Linux's null_lseek and (given a position reads never move) noop_llseek answer.
     */
    static long seekToZero(long offset, int whence, String device) throws ErrnoException {
        if (whence < 0 || whence > 4) {
            throw Errno.EINVAL.exception("/dev/" + device + ": lseek whence " + whence);
        }
        return 0;
    }
}
