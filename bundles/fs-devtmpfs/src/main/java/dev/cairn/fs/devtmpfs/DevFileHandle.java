package dev.cairn.fs.devtmpfs;

import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/** An open regular file of devtmpfs; the core keeps the offset, this passes calls on. */
final class DevFileHandle implements OpenFile {
    private final DevRegularFile file;
    private final AtomicBoolean closed = new AtomicBoolean();

    DevFileHandle(DevRegularFile file) {
        this.file = file;
    }

    @Override
    public int read(ByteBuffer dst, long offset) throws ErrnoException {
        return file.read(dst, offset);
    }

    @Override
    public int write(ByteBuffer src, long offset) throws ErrnoException {
        return file.write(src, offset);
    }

    @Override
    public long append(ByteBuffer src, Node node) throws ErrnoException {
        return file.append(src);
    }

    @Override
    public long seekDataOrHole(long offset, boolean data, long size) throws ErrnoException {
        return file.seekDataOrHole(offset, data);
    }

    @Override
    public void allocate(int mode, long offset, long length) throws ErrnoException {
        file.allocate(mode, offset, length);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            file.closed();
        }
    }
}
