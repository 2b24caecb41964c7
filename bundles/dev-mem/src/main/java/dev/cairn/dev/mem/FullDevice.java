package dev.cairn.dev.mem;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.CharDevice;
import dev.cairn.vfs.spi.DeviceOpenContext;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;

/**
 * /dev/full, 1:7: reads fill the buffer with zeros; every write, even of zero bytes, fails
 * with ENOSPC; lseek gives 0.
 */
final class FullDevice implements CharDevice {
    private static final OpenFile FILE = new FullFile();

    @Override
    public int major() {
        return 1;
    }

    @Override
    public int minor() {
        return 7;
    }

    @Override
    public String nodeName() {
        return "full";
    }

    @Override
    public OpenFile open(DeviceOpenContext context, int flags) {
        return FILE;
    }

    @Override
    public String toString() {
        return "/dev/full (1:7)";
    }

    private static final class FullFile implements OpenFile {
        @Override
        public int read(ByteBuffer dst, long offset) {
            return MemFiles.fillZeros(dst);
        }

        @Override
        public int write(ByteBuffer src, long offset) throws ErrnoException {
            throw Errno.ENOSPC.exception("/dev/full");
        }

        @Override
        public long append(ByteBuffer src, Node node) throws ErrnoException {
            throw Errno.ENOSPC.exception("/dev/full");
        }

        @Override
        public long seek(long current, long offset, int whence) throws ErrnoException {
            return MemFiles.seekToZero(offset, whence, "full");
        }
    }
}
