package dev.cairn.vfs.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.Mount;
import dev.cairn.vfs.MountFlags;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.OpenFlags;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MountApiTest extends VfsTestBase {
    private static MountRequest mem(String source, int flags) {
        return MountRequest.internal(source, MemFs.TYPE, flags, "");
    }

    @Test
    void syntheticMountpointsAppearWhereTheFilesystemRefusesMkdir() throws Exception {
        root.mkdir("/ro", 0755);
        Mount ro = vfs.mountAt(Credentials.root(), ns, "/ro", mem("ro", MountFlags.MS_RDONLY));
        vfs.makeSyntheticMountpoint(Credentials.root(), ns, "/ro/a/b/c");
        assertThat(root.stat("/ro/a/b/c").isDirectory()).isTrue();
        assertThat(root.stat("/ro/a").permissions()).isEqualTo(0777);
        assertThat(root.listDir("/ro")).as("synthetic dirs are listed").containsExactly("a");
        assertErrno(Errno.ENOENT, () -> ((MemFs) ro.filesystem()).root().lookup("a"));
        vfs.mountAt(Credentials.root(), ns, "/ro/a/b/c", mem("inner", 0));
        root.writeFile("/ro/a/b/c/file", bytes("ok"));
        assertThat(str(root.readFile("/ro/a/b/c/file"))).isEqualTo("ok");
        vfs.makeSyntheticMountpoint(Credentials.root(), ns, "/ro/a/b/c");
        assertErrno(Errno.EROFS, () -> root.rmdir("/ro/a/b/c"));
        vfs.makeSyntheticMountpoint(Credentials.root(), ns, "/real/dir");
        assertThat(root.listDir("/")).contains("real");
        assertThat(root.stat("/real/dir").permissions()).isEqualTo(0777);
    }

    @Test
    void mkdirAllCreatesRealDirectoriesAndRejectsFiles() throws Exception {
        vfs.mkdirAllAt(Credentials.root(), ns, "/x/y/z", 0750);
        assertThat(root.stat("/x/y/z").permissions()).isEqualTo(0750);
        vfs.mkdirAllAt(Credentials.root(), ns, "/x/y", 0700);
        root.writeFile("/x/file", new byte[0]);
        assertErrno(Errno.ENOTDIR, () -> vfs.mkdirAllAt(Credentials.root(), ns, "/x/file", 0755));
        assertErrno(Errno.ENOTDIR, () -> vfs.mkdirAllAt(Credentials.root(), ns, "/x/file/sub", 0755));
        vfs.makeSyntheticMountpoint(Credentials.root(), ns, "/x/file");
    }

    @Test
    void disconnectedMountsConnectLaterAndShareTheirFilesystem() throws Exception {
        Mount master = vfs.mountDisconnected(Credentials.root(), mem("master", 0));
        assertThat(master.attached()).isFalse();
        assertThat(master.mountPoint()).isEmpty();
        Mount replica = vfs.newDisconnectedMount(master, MountFlags.MS_RDONLY);
        root.mkdir("/shared", 0755);
        vfs.connectMountAt(Credentials.root(), replica, ns, "/shared");
        assertThat(replica.attached()).isTrue();
        assertThat(replica.mountPoint()).isEqualTo("/shared");
        assertErrno(Errno.EINVAL, () -> vfs.connectMountAt(Credentials.root(), replica, ns, "/shared"));
        assertErrno(Errno.EROFS, () -> root.writeFile("/shared/f", new byte[0]));
        root.mkdir("/rw", 0755);
        Mount rw = vfs.newDisconnectedMount(master, 0);
        vfs.connectMountAt(Credentials.root(), rw, ns, "/rw");
        root.writeFile("/rw/f", bytes("shared"));
        assertThat(str(root.readFile("/shared/f"))).isEqualTo("shared");
        assertThat(root.stat("/shared/f").ino()).isEqualTo(root.stat("/rw/f").ino());
        assertThat(root.stat("/shared").devMinor()).isEqualTo(root.stat("/rw").devMinor());
    }

    @Test
    void detachRemovesAMountAndReleasesItsFilesystemWhenUnused() throws Exception {
        root.mkdir("/m", 0755);
        Mount m = vfs.mountAt(Credentials.root(), ns, "/m", mem("x", 0));
        MemFs fs = (MemFs) m.filesystem();
        root.writeFile("/m/f", new byte[0]);
        int fd = root.open("/m/f", OpenFlags.O_RDONLY, 0);
        vfs.detach(m);
        assertThat(m.attached()).isFalse();
        assertThat(root.listDir("/m")).isEmpty();
        assertThat(fs.released).isFalse();
        assertThat(root.fstat(fd).isRegular()).isTrue();
        root.close(fd);
        assertThat(fs.released).isTrue();
        Mount d = vfs.mountDisconnected(Credentials.root(), mem("y", 0));
        vfs.detach(d);
        assertThat(((MemFs) d.filesystem()).released).isTrue();
        assertThat(ns.mounts()).hasSize(1);
    }

    @Test
    void noexecDeniesExecAccessAndNoatimeKeepsAtime() throws Exception {
        root.mkdir("/m", 0755);
        root.mount("none", "/m", MemFs.TYPE, MountFlags.MS_NOEXEC | MountFlags.MS_NOATIME, "");
        root.writeFile("/m/run", bytes("#!"));
        root.chmod("/m/run", 0755);
        assertErrno(Errno.EACCES, () -> root.faccessat(AtFlags.AT_FDCWD, "/m/run", AtFlags.X_OK, 0));
        root.writeFile("/run", bytes("#!"));
        root.chmod("/run", 0755);
        root.faccessat(AtFlags.AT_FDCWD, "/run", AtFlags.X_OK, 0);
        root.utimensat(AtFlags.AT_FDCWD, "/m/run", 1_000_000_000L, 1_000_000_000L, 0);
        root.readFile("/m/run");
        assertThat(root.stat("/m/run").atimeNanos()).isEqualTo(1_000_000_000L);
        root.utimensat(AtFlags.AT_FDCWD, "/run", 1_000_000_000L, 2_000_000_000L, 0);
        long ctime = root.stat("/run").ctimeNanos();
        root.readFile("/run");
        assertThat(root.stat("/run").atimeNanos()).isGreaterThan(2_000_000_000L);
        assertThat(root.stat("/run").ctimeNanos()).isEqualTo(ctime);
        int fd = root.open("/run", OpenFlags.O_RDONLY | OpenFlags.O_NOATIME, 0);
        root.utimensat(AtFlags.AT_FDCWD, "/run", 1_000_000_000L, 2_000_000_000L, 0);
        root.read(fd, ByteBuffer.allocate(2));
        assertThat(root.stat("/run").atimeNanos()).isEqualTo(1_000_000_000L);
        assertErrno(Errno.EPERM, () -> user(1000, 1000).open("/run", OpenFlags.O_RDONLY | OpenFlags.O_NOATIME, 0));
    }

    @Test
    void bindMountsShowASubtreeAndRemountChangesFlags() throws Exception {
        root.mkdir("/data", 0755);
        root.mkdir("/data/inner", 0755);
        root.writeFile("/data/inner/f", bytes("1"));
        root.mkdir("/view", 0755);
        root.mount("/data/inner", "/view", null, MountFlags.MS_BIND, null);
        assertThat(root.listDir("/view")).containsExactly("f");
        assertThat(root.stat("/view/..").ino()).isEqualTo(root.stat("/").ino());
        root.mount(null, "/view", null, MountFlags.MS_REMOUNT | MountFlags.MS_BIND | MountFlags.MS_RDONLY, null);
        assertErrno(Errno.EROFS, () -> root.writeFile("/view/g", new byte[0]));
        root.writeFile("/data/inner/g", new byte[0]);
        assertThat(root.listDir("/view")).containsExactlyInAnyOrder("f", "g");
        assertErrno(Errno.EINVAL, () -> root.mount(null, "/data", null, MountFlags.MS_REMOUNT, null));
        assertErrno(Errno.EPERM, () -> user(1, 1).mount("/data", "/view", null, MountFlags.MS_BIND, null));
        root.umount("/view", 0);
        root.writeFile("/view/own", new byte[0]);
    }

    @Test
    void recursiveBindMountsCopySubmountsAndPlainBindsDoNot() throws Exception {
        root.mkdir("/src", 0755);
        root.mkdir("/src/sub", 0755);
        root.mount("inner", "/src/sub", MemFs.TYPE, 0, "mode=700");
        root.writeFile("/src/sub/f", new byte[0]);
        root.mkdir("/plain", 0755);
        root.mkdir("/rec", 0755);
        root.mount("/src", "/plain", null, MountFlags.MS_BIND, null);
        root.mount("/src", "/rec", null, MountFlags.MS_BIND | MountFlags.MS_REC, null);
        assertThat(root.listDir("/plain/sub")).isEmpty();
        assertThat(root.listDir("/rec/sub")).containsExactly("f");
        assertThat(root.stat("/rec/sub").permissions()).isEqualTo(0700);
        assertThat(ns.mounts()).hasSize(5);
        assertErrno(Errno.EBUSY, () -> root.umount("/rec", 0));
        root.umount("/rec", MountFlags.MNT_DETACH);
        assertThat(ns.mounts()).hasSize(3);
    }

    @Test
    void syntheticDirectoriesAreListedAfterTheFilesystemEntries() throws Exception {
        root.mkdir("/ro", 0755);
        root.mkdir("/ro/real", 0755);
        Mount ro = vfs.mountAt(Credentials.root(), ns, "/ro", mem("ro", 0));
        root.mkdir("/ro/real", 0755);
        vfs.setMountReadOnly(ro, true);
        vfs.makeSyntheticMountpoint(Credentials.root(), ns, "/ro/s1");
        vfs.makeSyntheticMountpoint(Credentials.root(), ns, "/ro/s2");
        assertThat(root.listDir("/ro")).containsExactly("real", "s1", "s2");
        int fd = root.open("/ro", OpenFlags.O_RDONLY, 0);
        var first = root.getdents(fd, 4);
        assertThat(first).extracting(dev.cairn.vfs.Dirent::name).containsExactly(".", "..", "real", "s1");
        assertThat(root.getdents(fd, 10)).extracting(dev.cairn.vfs.Dirent::name).containsExactly("s2");
        assertThat(root.getdents(fd, 10)).isEmpty();
        root.lseek(fd, first.get(3).offset(), AtFlags.SEEK_SET);
        assertThat(root.getdents(fd, 10)).extracting(dev.cairn.vfs.Dirent::name).containsExactly("s2");
    }

    @Test
    void statfsFlagsShowTheMountFlags() throws Exception {
        root.mkdir("/m", 0755);
        root.mount("none", "/m", MemFs.TYPE, MountFlags.MS_NOEXEC | MountFlags.MS_NODEV, "");
        assertThat(root.statfs("/").flags()).isEqualTo(4096);
        assertThat(root.statfs("/m").flags()).isEqualTo(4 | 8 | 4096);
        root.mount(null, "/m", null, MountFlags.MS_REMOUNT | MountFlags.MS_RDONLY | MountFlags.MS_NOATIME, null);
        assertThat(root.statfs("/m").flags()).isEqualTo(1 | 1024);
        assertThat(root.statfs("/m").nameMax()).isEqualTo(255);
    }

    @Test
    void mountRootAndMountPointMustAgreeOnDirectoryness() throws Exception {
        root.writeFile("/file", new byte[0]);
        assertErrno(Errno.ENOTDIR, () -> root.mount("none", "/file", MemFs.TYPE, 0, ""));
        assertErrno(Errno.ENOENT, () -> root.mount("none", "/missing", MemFs.TYPE, 0, ""));
        root.writeFile("/other", bytes("o"));
        root.mount("/other", "/file", null, MountFlags.MS_BIND, null);
        assertThat(str(root.readFile("/file"))).isEqualTo("o");
        assertErrno(Errno.EBUSY, () -> root.unlink("/file"));
    }
}
