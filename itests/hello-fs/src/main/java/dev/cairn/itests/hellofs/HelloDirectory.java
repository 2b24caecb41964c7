package dev.cairn.itests.hellofs;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.spi.DirentSink;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.OpenFile;

/** The root directory (inode 1, mode 0555) with its single entry {@code hello.txt}. */
final class HelloDirectory implements Node {
    static final String FILE_NAME = "hello.txt";

    private final HelloFile file;
    private final long time;

    HelloDirectory(HelloFile file, long time) {
        this.file = file;
        this.time = time;
    }

    @Override
    public Stat stat() {
        return new Stat(0, 0, 1, FileType.DIRECTORY.bits() | 0555, 2, 0, 0, 0, 0, 0, 4096, 0, time, time, time);
    }

    @Override
    public Node lookup(String name) throws ErrnoException {
        if (name.equals(FILE_NAME)) {
            return file;
        }
        throw Errno.ENOENT.exception(name);
    }

    @Override
    public void readdir(long cookie, DirentSink sink) {
        if (cookie == 0) {
            sink.accept(FILE_NAME, HelloFile.INO, FileType.REGULAR, 1);
        }
    }

    @Override
    public OpenFile open(int flags, Credentials credentials) {
        return new OpenFile() {
        };
    }
}
