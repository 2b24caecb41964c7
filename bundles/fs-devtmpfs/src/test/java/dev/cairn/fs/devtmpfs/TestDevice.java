package dev.cairn.fs.devtmpfs;

import dev.cairn.vfs.spi.CharDevice;
import dev.cairn.vfs.spi.DeviceOpenContext;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;

/**
 * Test-only character device: a real driver (not a stand-in for the VFS) whose reads fill
 * the buffer with its minor number, so a test can tell which device the core opened.
 */
record TestDevice(String nodeName, int major, int minor, int mode) implements CharDevice {
    static TestDevice of(String name, int major, int minor) {
        return new TestDevice(name, major, minor, 0666);
    }

    @Override
    public OpenFile open(DeviceOpenContext context, int flags) {
        return new OpenFile() {
            @Override
            public int read(ByteBuffer dst, long offset) {
                int n = dst.remaining();
                while (dst.hasRemaining()) {
                    dst.put((byte) minor);
                }
                return n;
            }

            @Override
            public long seek(long current, long offset, int whence) {
                return 0;
            }
        };
    }
}
