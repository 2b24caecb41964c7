package dev.cairn.bench;

import dev.cairn.fs.tmpfs.TmpfsFilesystemType;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountNamespace;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import java.nio.ByteBuffer;

/** Cairn's tmpfs as the root of a mount namespace, driven through the Task API as root. */
final class CairnFs implements BenchFs {
    private final VirtualFilesystem vfs;
    private final MountNamespace ns;

    CairnFs() throws ErrnoException {
        vfs = VirtualFilesystem.create("bench");
        vfs.registerFilesystemType("tmpfs", new TmpfsFilesystemType(), TypePolicy.USER_MOUNTABLE);
        ns = vfs.newMountNamespace(Credentials.root(), MountRequest.internal("none", "tmpfs", 0, ""));
    }

    @Override
    public Session session() {
        return new CairnSession(vfs.newTask(Credentials.root(), ns));
    }

    @Override
    public void close() {
        // the VFS is garbage once unreferenced
    }

    private static final class CairnSession implements Session {
        private static final int CREATE = OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_WRONLY;
        private final Task t;

        CairnSession(Task t) {
            this.t = t;
        }

        @Override
        public void mkdirs(String path) throws ErrnoException {
            StringBuilder sb = new StringBuilder();
            for (String part : path.substring(1).split("/")) {
                sb.append('/').append(part);
                try {
                    t.mkdir(sb.toString(), 0755);
                } catch (ErrnoException e) {
                    if (e.errno() != dev.cairn.vfs.Errno.EEXIST) {
                        throw e;
                    }
                }
            }
        }

        @Override
        public void touch(String path) throws ErrnoException {
            t.close(t.open(path, CREATE, 0644));
        }

        @Override
        public void writeSequential(String path, ByteBuffer chunk, int count) throws ErrnoException {
            int fd = t.open(path, OpenFlags.O_CREAT | OpenFlags.O_TRUNC | OpenFlags.O_WRONLY, 0644);
            try {
                for (int i = 0; i < count; i++) {
                    chunk.clear();
                    t.write(fd, chunk);
                }
            } finally {
                t.close(fd);
            }
        }

        @Override
        public long createStatDelete(String path) throws ErrnoException {
            t.close(t.open(path, CREATE, 0644));
            long size = t.stat(path).size();
            t.unlink(path);
            return size;
        }

        @Override
        public long stat(String path) throws ErrnoException {
            return t.stat(path).size();
        }

        @Override
        public int list(String dir) throws ErrnoException {
            return t.listDir(dir).size();
        }

        @Override
        public int writeReadDelete(String path, ByteBuffer data, ByteBuffer buf) throws ErrnoException {
            int fd = t.open(path, CREATE, 0644);
            data.clear();
            t.write(fd, data);
            t.close(fd);
            fd = t.open(path, OpenFlags.O_RDONLY);
            buf.clear();
            int n = t.read(fd, buf);
            t.close(fd);
            t.unlink(path);
            return n;
        }

        @Override
        public long readSequential(String path, ByteBuffer chunk) throws ErrnoException {
            int fd = t.open(path, OpenFlags.O_RDONLY);
            long total = 0;
            try {
                int n;
                do {
                    chunk.clear();
                    n = t.read(fd, chunk);
                    total += n;
                } while (n > 0);
            } finally {
                t.close(fd);
            }
            return total;
        }
    }
}
