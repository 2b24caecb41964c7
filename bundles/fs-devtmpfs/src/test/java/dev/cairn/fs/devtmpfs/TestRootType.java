package dev.cairn.fs.devtmpfs;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.spi.DirentSink;
import dev.cairn.vfs.spi.Filesystem;
import dev.cairn.vfs.spi.FilesystemType;
import dev.cairn.vfs.spi.MountContext;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.OpenFile;
import java.util.List;

/**
 * Test-only filesystem "testroot": a read-only root directory with fixed, empty
 * subdirectories, to serve as a namespace root with mount points (/dev, /mnt).
 */
final class TestRootType implements FilesystemType {
    static final String NAME = "testroot";
    private final List<String> dirs;

    TestRootType(String... dirs) {
        this.dirs = List.of(dirs);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Filesystem newFilesystem(MountContext context) {
        Dir root = new Dir(1, dirs);
        return () -> root;
    }

    private record Dir(long ino, List<String> names) implements Node {
        @Override
        public Stat stat() {
            return new Stat(0, 0, ino, FileType.DIRECTORY.bits() | 0755, 2 + names.size(), 0, 0, 0, 0, 0, 4096, 0,
                    0, 0, 0);
        }

        @Override
        public Node lookup(String name) throws ErrnoException {
            int i = names.indexOf(name);
            if (i < 0) {
                throw Errno.ENOENT.exception(name);
            }
            return new Dir(ino * 100 + i + 1, List.of());
        }

        @Override
        public void readdir(long cookie, DirentSink sink) {
            for (int i = (int) cookie; i < names.size(); i++) {
                if (!sink.accept(names.get(i), ino * 100 + i + 1, FileType.DIRECTORY, i + 1)) {
                    return;
                }
            }
        }

        @Override
        public OpenFile open(int flags, Credentials credentials) {
            return new OpenFile() {
            };
        }
    }
}
