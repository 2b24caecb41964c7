package dev.cairn.vfs.spi;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The filesystem's (or device's) part of an open file. The core's file description keeps
 * the offset, the flags and the access mode, checks them (EBADF for a write on a read-only
 * description, EISDIR for read on a directory...), and calls these methods with explicit
 * offsets, so implementations need no per-open offset of their own.
 *
 * <p>Thread safety: calls may come concurrently from several threads sharing a description;
 * regular-file data must be safe without a global lock.
 */
@ConsumerType
public interface OpenFile {
    /**
     * Reads into {@code dst} from {@code offset}.
     *
     * @return bytes read, 0 at end of file (or when {@code dst} has no room)
     * @throws ErrnoException EINVAL when not readable this way, EAGAIN for a non-blocking
     *                        stream with no data, EIO
     */
    default int read(ByteBuffer dst, long offset) throws ErrnoException {
        throw Errno.EINVAL.exception("read");
    }

    /**
     * Writes {@code src} at {@code offset}, extending the file as needed; updates mtime/ctime.
     *
     * @return bytes written (all of them unless ENOSPC/EFBIG stops it part-way)
     * @throws ErrnoException ENOSPC, EFBIG, EINVAL when not writable this way
     */
    default int write(ByteBuffer src, long offset) throws ErrnoException {
        throw Errno.EINVAL.exception("write");
    }

    /**
     * O_APPEND write: atomically writes {@code src} at the current end of file.
     * The default is not atomic against concurrent appenders; regular files override it.
     *
     * @return the new end of file (the description's offset afterwards)
     */
    default long append(ByteBuffer src, Node node) throws ErrnoException {
        long end = node.stat().size();
        int n = write(src, end);
        return end + n;
    }

    /**
     * lseek(2) for files the core cannot seek generically. The core computes SEEK_SET/CUR/END
     * for regular files and directories itself; for others (devices, pipes) it calls this.
     * Default: ESPIPE.
     *
     * @param current the description's offset
     * @param whence  0 SEEK_SET, 1 SEEK_CUR, 2 SEEK_END
     * @return the new offset
     */
    default long seek(long current, long offset, int whence) throws ErrnoException {
        throw Errno.ESPIPE.exception("lseek");
    }

    /**
     * SEEK_DATA / SEEK_HOLE: the first offset ≥ {@code offset} that starts data (or a hole).
     * Default: the whole file is data with the implicit hole at its end.
     *
     * @throws ErrnoException ENXIO when {@code offset} is at or past end of file
     */
    default long seekDataOrHole(long offset, boolean data, long size) throws ErrnoException {
        if (offset >= size) {
            throw Errno.ENXIO.exception("offset " + offset + " past end of file");
        }
        return data ? offset : size;
    }

    /**
     * fallocate(2); mode 0 allocates (extending the size), FALLOC_FL_KEEP_SIZE (1) keeps it,
     * FALLOC_FL_PUNCH_HOLE|KEEP_SIZE (3) punches. Default: EOPNOTSUPP.
     */
    default void allocate(int mode, long offset, long length) throws ErrnoException {
        throw Errno.EOPNOTSUPP.exception("fallocate");
    }

    /** fsync(2)/fdatasync(2): make written data durable at the backing store. */
    default void sync(boolean dataOnly) throws ErrnoException {
    }

    /**
     * ioctl(2). {@code arg} is the in/out argument buffer (little-endian).
     *
     * @throws ErrnoException ENOTTY for an unknown request
     */
    default int ioctl(int request, ByteBuffer arg) throws ErrnoException {
        throw Errno.ENOTTY.exception("ioctl 0x" + Integer.toHexString(request));
    }

    /** poll(2) readiness: the subset of {@code events} (POLLIN 1, POLLOUT 4) ready now. */
    default int poll(int events) {
        return events & (POLLIN | POLLOUT);
    }

    int POLLIN = 1;
    int POLLOUT = 4;

    /** Called once, when the last descriptor referring to this open file is closed. */
    default void close() {
    }
}
