package dev.cairn.fs.tmpfs;

import static dev.cairn.fs.tmpfs.TmpfsFixture.errno;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.spi.FilesystemType;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A bundle update leaves running filesystems on the old class loader, which can no longer load
 * classes. This loads tmpfs in its own class loader, preloads as the component's activate
 * does, closes the loader, and then uses every kind of node: any class loaded lazily would
 * fail with NoClassDefFoundError (EIO from the core).
 */
class TmpfsBundleUpdateTest {

    @Test
    void filesystemKeepsWorkingAfterItsClassLoaderIsClosed() throws Exception {
        Path classes = Path.of(TmpfsFilesystemType.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<URL> entries = new ArrayList<>();
        try (Stream<Path> s = Files.list(classes.resolve("dev/cairn/fs/tmpfs"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                entries.add(p.toUri().toURL());
            }
        }
        // the same name extraction the component's activate applies to the bundle's entries
        List<String> names = TmpfsFilesystemType.classNames(Collections.enumeration(entries));
        assertThat(names).contains("TmpfsFile", "TmpfsRename", "TmpfsDirEntry").doesNotContain("package-info");
        ClassLoader withoutTmpfs = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("dev.cairn.fs.tmpfs.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        URLClassLoader old = new URLClassLoader(new URL[] {classes.toUri().toURL()}, withoutTmpfs);
        Class<?> typeClass = old.loadClass(TmpfsFilesystemType.class.getName());
        assertThat(typeClass).isNotEqualTo(TmpfsFilesystemType.class);
        FilesystemType type = (FilesystemType) typeClass.getConstructor().newInstance();
        Method preload = typeClass.getDeclaredMethod("preload", ClassLoader.class, Iterable.class);
        preload.setAccessible(true);
        assertThat((int) preload.invoke(null, old, names)).isEqualTo(names.size());

        TmpfsFixture f = TmpfsFixture.mount(type, MountRequest.internal("none", "tmpfs", 0, "size=1m"));
        old.close();
        assertThat(old.findResource("dev/cairn/fs/tmpfs/TmpfsFile.class")).as("loader closed").isNull();

        exerciseEveryNodeKind(f);
    }

    private static void exerciseEveryNodeKind(TmpfsFixture f) throws Exception {
        Task t = f.root;
        t.mkdir("/d", 0755);
        t.writeFile("/d/a", "data".getBytes());
        int fd = t.open("/d/a", OpenFlags.O_RDWR | OpenFlags.O_APPEND);
        t.write(fd, ByteBuffer.wrap("more".getBytes()));
        t.fallocate(fd, 3, 0, 2);
        t.lseek(fd, 0, AtFlags.SEEK_DATA);
        t.ftruncate(fd, 1 << 20);
        assertThat(t.write(fd, ByteBuffer.allocate(1 << 21))).isLessThan(1 << 20);
        assertThat(errno(() -> t.write(fd, ByteBuffer.allocate(1)))).isEqualTo(Errno.ENOSPC);
        t.close(fd);
        t.link("/d/a", "/d/b");
        t.rename("/d/b", "/c");
        t.renameat2(AtFlags.AT_FDCWD, "/c", AtFlags.AT_FDCWD, "/d/a", AtFlags.RENAME_EXCHANGE);
        t.symlink("/d", "/s");
        t.readlink("/s");
        t.mknodat(AtFlags.AT_FDCWD, "/fifo", FileType.FIFO.bits() | 0600, 0, 0);
        int p = t.open("/fifo", OpenFlags.O_RDWR | OpenFlags.O_NONBLOCK);
        t.write(p, ByteBuffer.wrap("x".getBytes()));
        t.read(p, ByteBuffer.allocate(1));
        t.close(p);
        t.mknodat(AtFlags.AT_FDCWD, "/chr", FileType.CHAR_DEVICE.bits() | 0600, 1, 3);
        t.mknodat(AtFlags.AT_FDCWD, "/sock", FileType.SOCKET.bits() | 0600, 0, 0);
        assertThat(errno(() -> t.open("/sock", OpenFlags.O_RDONLY))).isEqualTo(Errno.ENXIO);
        t.setxattr("/d", "user.k", "v".getBytes(), 0, true);
        t.listxattr("/d", true);
        t.removexattr("/d", "user.k", true);
        t.chmod("/c", 0600);
        t.listDir("/");
        t.statfs("/");
        f.vfs.mountInfo(t);
        t.unlink("/c");
        t.unlink("/d/a");
        t.rmdir("/d");
        assertThat(t.listDir("/")).containsExactlyInAnyOrder("s", "fifo", "chr", "sock");
    }
}
