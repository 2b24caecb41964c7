package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/** One open of a FIFO: a read end, a write end, or both (O_RDWR). Offsets are ignored. */
final class TmpfsPipeEnd implements OpenFile {
    private final TmpfsPipe pipe;
    private final boolean reads;
    private final boolean writes;
    private final boolean nonblock;
    private final AtomicBoolean closed = new AtomicBoolean();

    TmpfsPipeEnd(TmpfsPipe pipe, boolean reads, boolean writes, boolean nonblock) {
        this.pipe = pipe;
        this.reads = reads;
        this.writes = writes;
        this.nonblock = nonblock;
    }

    @Override
    public int read(ByteBuffer dst, long offset) throws ErrnoException {
        if (!reads) {
            throw Errno.EBADF.exception("FIFO not open for reading");
        }
        return pipe.read(dst, nonblock);
    }

    @Override
    public int write(ByteBuffer src, long offset) throws ErrnoException {
        if (!writes) {
            throw Errno.EBADF.exception("FIFO not open for writing");
        }
        return pipe.write(src, nonblock);
    }

    @Override
    public long append(ByteBuffer src, Node node) throws ErrnoException {
        return write(src, 0);
    }

    @Override
    public long seekDataOrHole(long offset, boolean data, long size) throws ErrnoException {
        throw Errno.ESPIPE.exception("lseek on a FIFO");
    }

    @Override
    public int poll(int events) {
        return pipe.poll(events, reads, writes);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pipe.close(reads, writes);
        }
    }
}
