package dev.cairn.vfs.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.spi.DirentSink;
import dev.cairn.vfs.spi.Filesystem;
import dev.cairn.vfs.spi.FilesystemType;
import dev.cairn.vfs.spi.MountContext;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.NodeAttrs;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RobustnessTest extends VfsTestBase {
    /** A directory whose child "bad" throws from stat and whose files throw from read. */
    static final class Broken implements Node {
        final int type;

        Broken(int type) {
            this.type = type;
        }

        @Override
        public Stat stat() {
            return new Stat(0, 0, type == FileType.DIRECTORY.bits() ? 1 : 2, type | 0755, 1, 0, 0, 0, 0, 0, 4096, 0,
                    0, 0, 0);
        }

        @Override
        public Node lookup(String name) throws ErrnoException {
            if (name.equals("file")) {
                return new Broken(FileType.REGULAR.bits());
            }
            if (name.equals("npe")) {
                throw new NullPointerException("bug in lookup");
            }
            throw Errno.ENOENT.exception(name);
        }

        @Override
        public void readdir(long cookie, DirentSink sink) {
            throw new IllegalStateException("bug in readdir");
        }

        @Override
        public Node create(String name, NodeAttrs attrs) {
            throw new NoClassDefFoundError("missing/Class");
        }

        @Override
        public OpenFile open(int flags, Credentials c) {
            return new OpenFile() {
                @Override
                public int read(ByteBuffer dst, long offset) {
                    throw new ArrayIndexOutOfBoundsException(5);
                }
            };
        }
    }

    @Test
    void exceptionsEscapingAFilesystemBecomeEio() throws Exception {
        FilesystemType broken = new FilesystemType() {
            public String name() {
                return "broken";
            }

            public Filesystem newFilesystem(MountContext ctx) {
                return () -> new Broken(FileType.DIRECTORY.bits());
            }
        };
        vfs.registerFilesystemType("broken", broken, TypePolicy.USER_MOUNTABLE);
        root.mkdir("/b", 0755);
        root.mount("none", "/b", "broken", 0, "");
        assertErrno(Errno.EIO, () -> root.stat("/b/npe"));
        assertErrno(Errno.EIO, () -> root.listDir("/b"));
        assertErrno(Errno.EIO, () -> root.writeFile("/b/new", new byte[0]));
        int fd = root.open("/b/file", OpenFlags.O_RDONLY, 0);
        assertErrno(Errno.EIO, () -> root.read(fd, ByteBuffer.allocate(4)));
        root.close(fd);
        assertThat(root.fds()).isEmpty();
        root.writeFile("/still-works", bytes("y"));
        assertThat(str(root.readFile("/still-works"))).isEqualTo("y");
        FilesystemType throwing = new FilesystemType() {
            public String name() {
                return "throwing";
            }

            public Filesystem newFilesystem(MountContext ctx) {
                throw new IllegalArgumentException("boom");
            }
        };
        vfs.registerFilesystemType("throwing", throwing, TypePolicy.USER_MOUNTABLE);
        assertErrno(Errno.EIO, () -> root.mount("none", "/b", "throwing", 0, ""));
        assertErrno(Errno.EEXIST, () -> vfs.registerFilesystemType("throwing", throwing, TypePolicy.LIST_ONLY));
        assertThat(vfs.unregisterFilesystemType("throwing")).isTrue();
        assertErrno(Errno.ENODEV, () -> root.mount("none", "/b", "throwing", 0, ""));
    }

    @Test
    void revalidatingFilesystemsSeeChangesMadeBehindTheCache() throws Exception {
        root.mkdir("/r", 0755);
        var m = vfs.mountAt(Credentials.root(), ns, "/r", MountRequest.internal("srv", MemFs.TYPE, 0, "revalidate"));
        root.writeFile("/r/f", bytes("1"));
        assertThat(root.stat("/r/f").size()).isEqualTo(1);
        Node fsRoot = m.filesystem().root();
        Node old = fsRoot.lookup("f");
        fsRoot.unlink("f", old);
        assertErrno(Errno.ENOENT, () -> root.stat("/r/f"));
        fsRoot.create("f", new NodeAttrs(FileType.REGULAR.bits() | 0600, 0, 0));
        assertThat(root.stat("/r/f").permissions()).isEqualTo(0600);
    }

    @Test
    void badArgumentsGetErrnosNotCrashes() throws Exception {
        assertErrno(Errno.EBADF, () -> root.read(-1, ByteBuffer.allocate(1)));
        assertErrno(Errno.EBADF, () -> root.dup2(42, 3));
        assertErrno(Errno.EBADF, () -> root.fstat(1 << 30));
        assertErrno(Errno.EINVAL, () -> root.unlinkat(-100, "/x", 0x8000));
        assertErrno(Errno.EINVAL, () -> root.faccessat(-100, "/", 8, 0));
        assertErrno(Errno.ENOENT, () -> root.stat(null));
        assertErrno(Errno.ENODEV, () -> root.mount("none", "/", null, 0, null));
        int any = root.open("/", OpenFlags.O_RDONLY, 0);
        assertErrno(Errno.EFAULT, () -> root.pread(any, null, 0));
        root.writeFile("/f", new byte[0]);
        int fd = root.open("/f", OpenFlags.O_RDWR, 0);
        assertErrno(Errno.EINVAL, () -> root.lseek(fd, 0, 99));
        assertErrno(Errno.EINVAL, () -> root.pread(fd, ByteBuffer.allocate(1), -1));
        assertErrno(Errno.EINVAL, () -> root.ftruncate(fd, -1));
        assertErrno(Errno.EINVAL, () -> root.getdents(root.open("/", OpenFlags.O_RDONLY, 0), 0));
        assertErrno(Errno.ENOTDIR, () -> root.getdents(fd, 10));
        assertThat(root.dup2(fd, 10)).isEqualTo(10);
        assertThat(root.fds()).contains(fd, 10);
        assertErrno(Errno.ENXIO, () -> root.lseek(fd, 0, dev.cairn.vfs.AtFlags.SEEK_DATA));
    }
}
