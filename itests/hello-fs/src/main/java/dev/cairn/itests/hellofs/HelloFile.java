package dev.cairn.itests.hellofs;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;

/** {@code hello.txt}: a read-only regular file (inode 2, mode 0444) with fixed content. */
final class HelloFile implements Node {
    static final long INO = 2;

    private final byte[] text;
    private final long time;

    HelloFile(byte[] text, long time) {
        this.text = text.clone();
        this.time = time;
    }

    @Override
    public Stat stat() {
        return new Stat(0, 0, INO, FileType.REGULAR.bits() | 0444, 1, 0, 0, 0, 0, text.length, 4096,
                (text.length + 511) / 512, time, time, time);
    }

    @Override
    public OpenFile open(int flags, Credentials credentials) {
        return new OpenFile() {
            @Override
            public int read(ByteBuffer dst, long offset) {
                if (offset >= text.length) {
                    return 0;
                }
                int n = (int) Math.min(dst.remaining(), text.length - offset);
                dst.put(text, (int) offset, n);
                return n;
            }
        };
    }
}
