package dev.cairn.vfs.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.Mount;
import dev.cairn.vfs.MountFlags;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.TypePolicy;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MountTest extends VfsTestBase {
    @Test
    void taskMountShowsTheNewFilesystemAndDotDotLeavesIt() throws Exception {
        root.mkdir("/mnt", 0755);
        root.writeFile("/mnt/under", bytes("hidden"));
        root.mount("none", "/mnt", MemFs.TYPE, 0, "mode=700");
        assertThat(root.listDir("/mnt")).isEmpty();
        assertThat(root.stat("/mnt").permissions()).isEqualTo(0700);
        assertThat(root.stat("/mnt").devMinor()).isNotEqualTo(root.stat("/").devMinor());
        root.writeFile("/mnt/top", bytes("x"));
        assertThat(root.stat("/mnt/..").ino()).isEqualTo(root.stat("/").ino());
        assertThat(root.listDir("/mnt/../mnt")).containsExactly("top");
        root.chdir("/mnt");
        assertThat(root.getcwd()).isEqualTo("/mnt");
        root.chdir("..");
        root.umount("/mnt", 0);
        assertThat(root.listDir("/mnt")).containsExactly("under");
    }

    @Test
    void stackedMountsResolveToTheTopmost() throws Exception {
        root.mkdir("/m", 0755);
        root.mount("a", "/m", MemFs.TYPE, 0, "mode=711");
        root.mount("b", "/m", MemFs.TYPE, 0, "mode=733");
        assertThat(root.stat("/m").permissions()).isEqualTo(0733);
        root.umount("/m", 0);
        assertThat(root.stat("/m").permissions()).isEqualTo(0711);
        root.umount("/m", 0);
        assertThat(root.stat("/m").permissions()).isEqualTo(0755);
    }

    @Test
    void umountRules() throws Exception {
        root.mkdir("/m", 0755);
        assertErrno(Errno.EINVAL, () -> root.umount("/m", 0));
        assertErrno(Errno.EINVAL, () -> root.umount("/", 0));
        root.mount("none", "/m", MemFs.TYPE, 0, "");
        root.mkdir("/m/sub", 0755);
        root.mount("none", "/m/sub", MemFs.TYPE, 0, "");
        assertErrno(Errno.EBUSY, () -> root.umount("/m", 0));
        assertErrno(Errno.EBUSY, () -> root.rmdir("/m/sub"));
        assertErrno(Errno.EBUSY, () -> root.rmdir("/m"));
        root.umount("/m/sub", 0);
        int fd = root.open("/m/sub", OpenFlags.O_RDONLY, 0);
        assertErrno(Errno.EBUSY, () -> root.umount("/m", 0));
        int released = MemFs.RELEASED.get();
        root.umount("/m", MountFlags.MNT_DETACH);
        assertThat(root.listDir("/m")).isEmpty();
        assertThat(MemFs.RELEASED.get()).isEqualTo(released);
        root.close(fd);
        assertThat(MemFs.RELEASED.get()).isEqualTo(released + 1);
    }

    @Test
    void readOnlyMountsRefuseWritesAndSetReadOnlyIsBusyWithWriters() throws Exception {
        root.mkdir("/m", 0755);
        Mount m = vfs.mountAt(Credentials.root(), ns, "/m",
                MemFs.TYPE == null ? null : MountRequest.internal("none", MemFs.TYPE, 0, ""));
        root.writeFile("/m/f", bytes("x"));
        int fd = root.open("/m/f", OpenFlags.O_WRONLY, 0);
        assertErrno(Errno.EBUSY, () -> vfs.setMountReadOnly(m, true));
        root.close(fd);
        vfs.setMountReadOnly(m, true);
        assertThat(m.readOnly()).isTrue();
        assertErrno(Errno.EROFS, () -> root.open("/m/f", OpenFlags.O_WRONLY, 0));
        assertErrno(Errno.EROFS, () -> root.mkdir("/m/d", 0755));
        assertErrno(Errno.EROFS, () -> root.unlink("/m/f"));
        assertThat(str(root.readFile("/m/f"))).isEqualTo("x");
        vfs.setMountReadOnly(m, false);
        int w = root.open("/m/f", OpenFlags.O_WRONLY, 0);
        root.write(w, ByteBuffer.wrap(bytes("y")));
        root.close(w);
    }

    @Test
    void userMountsNeedCapSysAdminThenAllowUserMount() throws Exception {
        root.mkdir("/m", 0777);
        var u = user(1000, 1000);
        assertErrno(Errno.EPERM, () -> u.mount("none", "/m", "nosuch", 0, ""));
        assertErrno(Errno.ENODEV, () -> root.mount("none", "/m", "nosuch", 0, ""));
        vfs.setTypePolicy(MemFs.TYPE, TypePolicy.LIST_ONLY);
        assertErrno(Errno.ENODEV, () -> root.mount("none", "/m", MemFs.TYPE, 0, ""));
        assertErrno(Errno.EINVAL, () -> vfs.mountAt(Credentials.root(), ns, "/m",
                MountRequest.internal("none", MemFs.TYPE, 0, "bogus=1")));
        vfs.mountAt(Credentials.root(), ns, "/m", MountRequest.internal("none", MemFs.TYPE, 0, ""));
        assertThat(vfs.filesystemsText()).isEqualTo("nodev\tmemfs\n");
    }

    @Test
    void filesystemsTextListsListedTypesSorted() throws Exception {
        vfs.registerFilesystemType("zzz", MemFs.type(), TypePolicy.LIST_ONLY);
        vfs.registerFilesystemType("aaa", MemFs.type(), new TypePolicy(true, false, false));
        vfs.registerFilesystemType("blk", MemFs.type(), new TypePolicy(false, true, true));
        assertThat(vfs.filesystemTypes()).containsExactly("aaa", "blk", MemFs.TYPE, "zzz");
        assertThat(vfs.filesystemsText()).isEqualTo("\tblk\nnodev\tmemfs\nnodev\tzzz\n");
        assertThat(vfs.typePolicy("aaa")).contains(new TypePolicy(true, false, false));
        assertThat(vfs.typePolicy("none")).isEmpty();
        assertErrno(Errno.ENODEV, () -> vfs.setTypePolicy("none", TypePolicy.LIST_ONLY));
        root.mkdir("/a", 0755);
        root.mount("x", "/a", "aaa", 0, "");
        assertThat(root.stat("/a").devMinor()).isNotEqualTo(root.stat("/").devMinor());
    }
}
