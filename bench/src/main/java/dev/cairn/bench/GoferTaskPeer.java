package dev.cairn.bench;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Dirent;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Task;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A Cairn peer: the operations through one Task of a VFS whose root is the filesystem under
 * test (a 9p mount of the gofer's export, or Cairn's tmpfs holding the same tree).
 */
final class GoferTaskPeer implements GoferPeer {
    private static final int DIRENT_BATCH = 256;
    private final Task t;
    private final AutoCloseable onClose;

    GoferTaskPeer(Task t, AutoCloseable onClose) {
        this.t = t;
        this.onClose = onClose;
    }

    Task task() {
        return t;
    }

    @Override
    public long stat(String path) throws ErrnoException {
        return t.stat(path).size();
    }

    @Override
    public int openReadClose(String path, ByteBuffer buf) throws ErrnoException {
        int fd = t.open(path, OpenFlags.O_RDONLY);
        try {
            return t.read(fd, buf.clear());
        } finally {
            t.close(fd);
        }
    }

    @Override
    public long readSequential(String path, ByteBuffer chunk) throws ErrnoException {
        int fd = t.open(path, OpenFlags.O_RDONLY);
        long total = 0;
        try {
            int n;
            while ((n = t.read(fd, chunk.clear())) > 0) {
                total += n;
            }
        } finally {
            t.close(fd);
        }
        return total;
    }

    @Override
    public void writeSequential(String path, ByteBuffer chunk, int count) throws ErrnoException {
        int fd = t.open(path, OpenFlags.O_CREAT | OpenFlags.O_TRUNC | OpenFlags.O_WRONLY, 0644);
        try {
            for (int i = 0; i < count; i++) {
                chunk.clear();
                while (chunk.hasRemaining()) {
                    t.write(fd, chunk);
                }
            }
        } finally {
            t.close(fd);
        }
    }

    @Override
    public long listWithAttributes(String dir) throws ErrnoException {
        int fd = t.open(dir, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
        long sum = 0;
        try {
            List<Dirent> batch;
            while (!(batch = t.getdents(fd, DIRENT_BATCH)).isEmpty()) {
                for (Dirent d : batch) {
                    String name = d.name();
                    if (!name.equals(".") && !name.equals("..")) {
                        sum += t.fstatat(fd, name, AtFlags.AT_SYMLINK_NOFOLLOW).size();
                    }
                }
            }
        } finally {
            t.close(fd);
        }
        return sum;
    }

    @Override
    public void close() throws Exception {
        t.exit();
        onClose.close();
    }
}
