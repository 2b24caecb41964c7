package dev.cairn.boot.internal;

import dev.cairn.vfs.spi.CharDevice;
import dev.cairn.vfs.spi.DeviceOpenContext;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;

/** A character device that reads as zeros, for registration tests. */
record TestDevice(int major, int minor, String nodeName) implements CharDevice {
    @Override
    public OpenFile open(DeviceOpenContext context, int flags) {
        return new OpenFile() {
            @Override
            public int read(ByteBuffer dst, long offset) {
                int n = dst.remaining();
                dst.put(new byte[n]);
                return n;
            }
        };
    }
}
