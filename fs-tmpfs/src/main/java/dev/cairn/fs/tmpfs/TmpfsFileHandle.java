package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open file of a {@link TmpfsFile}. Keeps no offset, no atime and no privilege logic: the
 * core's file description does those (atime through {@code SetStat.ACCESSED}, setuid/setgid
 * clearing through {@code setStat}). Closing twice is harmless.
 */
final class TmpfsFileHandle implements OpenFile {
    private final TmpfsFile file;
    private final AtomicBoolean closed = new AtomicBoolean();

    TmpfsFileHandle(TmpfsFile file) {
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
