package dev.cairn.dev.mem;

import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.CharDevice;
import dev.cairn.vfs.spi.DeviceOpenContext;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;

/** /dev/zero, 1:5: reads fill the buffer with zeros, writes vanish, lseek gives 0. */
final class ZeroDevice implements CharDevice {
    private static final OpenFile FILE = new ZeroFile();

    @Override
    public int major() {
        return 1;
    }

    @Override
    public int minor() {
        return 5;
    }

    @Override
    public String nodeName() {
        return "zero";
    }

    @Override
    public OpenFile open(DeviceOpenContext context, int flags) {
        return FILE;
    }

    @Override
    public String toString() {
        return "/dev/zero (1:5)";
    }

    private static final class ZeroFile implements OpenFile {
        @Override
        public int read(ByteBuffer dst, long offset) {
            return MemFiles.fillZeros(dst);
        }

        @Override
        public int write(ByteBuffer src, long offset) {
            return MemFiles.discard(src);
        }

        @Override
        public long append(ByteBuffer src, Node node) {
            MemFiles.discard(src);
            return 0;
        }

        @Override
        public long seek(long current, long offset, int whence) throws ErrnoException {
            return MemFiles.seekToZero(offset, whence, "zero");
        }
    }
}
