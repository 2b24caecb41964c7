package dev.cairn.fs.gofer.client;

import dev.cairn.fs.gofer.host.Host;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.nio.ByteBuffer;

/**
 * A host fd the gofer donated with its Rlopen: the file it opened for this open, with the
 * same flags (access mode, O_APPEND, O_NOATIME). Reads and writes go to it with
 * pread/pwrite, so file data does not cross the 9P connection; everything else (attributes,
 * names, locks) still does. Owned by its {@link P9OpenFile}; closed once, by it.
 *
 * <p>Like every operation of the mount, I/O fails with EIO once the connection to the gofer is
 * broken, although the fd itself would keep working: the gofer's death is the sandbox's signal
 * that the export is gone.
 */
final class DonatedFile {
    /** Heap buffers go through a direct buffer of this size (as java.nio's own file channels do). */
    private static final int BOUNCE = 1 << 20;
    private static final ThreadLocal<ByteBuffer> BOUNCES = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BOUNCE));

    private final int fd;
    private final P9Client client;
    private final String path;

    DonatedFile(int fd, P9Client client, String path) {
        this.fd = fd;
        this.client = client;
        this.path = path;
    }

    /**
     * Reads into {@code dst} from its position until it is full or the file ends; moves its
     * position. An error after some bytes were read ends the read short instead, as read(2).
     */
    int read(ByteBuffer dst, long offset) throws ErrnoException {
        int total = 0;
        while (dst.hasRemaining()) {
            long n;
            try {
                n = readOnce(dst, offset + total);
            } catch (ErrnoException e) {
                if (total == 0) {
                    throw e;
                }
                break;
            }
            if (n <= 0) {
                break;
            }
            total += (int) n;
        }
        return total;
    }

    private long readOnce(ByteBuffer dst, long at) throws ErrnoException {
        checkConnected("read");
        if (dst.isDirect()) {
            long n = Host.pread(fd, dst, at, "read " + path);
            if (n > 0) {
                dst.position(dst.position() + (int) n);
            }
            return n;
        }
        ByteBuffer b = BOUNCES.get().clear();
        b.limit(Math.min(b.capacity(), dst.remaining()));
        long n = Host.pread(fd, b, at, "read " + path);
        if (n > 0) {
            dst.put(b.limit((int) n));
        }
        return n;
    }

    /**
     * Writes {@code src} from its position; moves its position. Short only when the host
     * fails part-way (ENOSPC, EFBIG): the error then goes to the next write, as write(2).
     */
    int write(ByteBuffer src, long offset) throws ErrnoException {
        int total = 0;
        while (src.hasRemaining()) {
            long n;
            try {
                n = writeOnce(src, offset + total);
            } catch (ErrnoException e) {
                if (total == 0) {
                    throw e;
                }
                break;
            }
            if (n <= 0) {
                if (total == 0) {
                    throw Errno.EIO.exception("write " + path + ": the host wrote nothing");
                }
                break;
            }
            src.position(src.position() + (int) n);
            total += (int) n;
        }
        return total;
    }

    private long writeOnce(ByteBuffer src, long at) throws ErrnoException {
        checkConnected("write");
        if (src.isDirect()) {
            return Host.pwrite(fd, src, at, "write " + path);
        }
        ByteBuffer b = BOUNCES.get().clear();
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + Math.min(part.remaining(), b.capacity()));
        b.put(part).flip();
        return Host.pwrite(fd, b, at, "write " + path);
    }

    /** The file's attributes from the host fd: what a Tgetattr would answer, without the round trip. */
    dev.cairn.fs.gofer.host.HostStat fstat() throws ErrnoException {
        checkConnected("stat");
        return Host.fstat(fd, "stat " + path);
    }

    void sync(boolean dataOnly) throws ErrnoException {
        checkConnected("fsync");
        Host.fsync(fd, dataOnly, "fsync " + path);
    }

    void close() {
        Host.close(fd);
    }

    private void checkConnected(String op) throws ErrnoException {
        if (client.isBroken()) {
            throw Errno.EIO.exception(op + " " + path + ": the connection to the 9P server is broken");
        }
    }
}
