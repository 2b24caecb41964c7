package dev.cairn.dev.mem;

import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.CharDevice;
import dev.cairn.vfs.spi.DeviceOpenContext;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;

/** /dev/null, 1:3: reads are end of file, writes vanish, lseek gives 0. */
final class NullDevice implements CharDevice {
    private static final OpenFile FILE = new NullFile();

    @Override
    public int major() {
        return 1;
    }

    @Override
    public int minor() {
        return 3;
    }

    @Override
    public String nodeName() {
        return "null";
    }

    @Override
    public OpenFile open(DeviceOpenContext context, int flags) {
        return FILE;
    }

    @Override
    public String toString() {
        return "/dev/null (1:3)";
    }

    /** Stateless, so one instance serves every open. */
    private static final class NullFile implements OpenFile {
        @Override
        public int read(ByteBuffer dst, long offset) {
            return 0;
        }

        @Override
        public int write(ByteBuffer src, long offset) {
            return MemFiles.discard(src);
        }

        @Override
        public long append(ByteBuffer src, dev.cairn.vfs.spi.Node node) {
            MemFiles.discard(src);
            return 0;
        }

        @Override
        public long seek(long current, long offset, int whence) throws ErrnoException {
            return MemFiles.seekToZero(offset, whence, "null");
        }
    }
}
