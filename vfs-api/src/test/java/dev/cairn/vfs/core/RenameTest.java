package dev.cairn.vfs.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Errno;
import org.junit.jupiter.api.Test;

class RenameTest extends VfsTestBase {
    private void rename2(String a, String b, int flags) throws Exception {
        root.renameat2(AtFlags.AT_FDCWD, a, AtFlags.AT_FDCWD, b, flags);
    }

    @Test
    void renameMovesEntriesAndReplacesTargets() throws Exception {
        root.mkdir("/a", 0755);
        root.mkdir("/b", 0755);
        root.writeFile("/a/f", bytes("1"));
        root.writeFile("/b/g", bytes("2"));
        root.rename("/a/f", "/b/g");
        assertThat(str(root.readFile("/b/g"))).isEqualTo("1");
        assertErrno(Errno.ENOENT, () -> root.stat("/a/f"));
        root.rename("/b", "/a/b2");
        assertThat(root.listDir("/a/b2")).containsExactly("g");
        root.rename("/a/b2/g", "/a/b2/g");
        assertThat(root.listDir("/a/b2")).containsExactly("g");
    }

    @Test
    void typeAndShapeErrorsMatchLinux() throws Exception {
        root.mkdir("/d", 0755);
        root.mkdir("/d/sub", 0755);
        root.mkdir("/e", 0755);
        root.writeFile("/e/x", new byte[0]);
        root.writeFile("/f", new byte[0]);
        assertErrno(Errno.EINVAL, () -> root.rename("/d", "/d/sub/x"));
        assertErrno(Errno.ENOTEMPTY, () -> root.rename("/d/sub", "/d"));
        assertErrno(Errno.EISDIR, () -> root.rename("/f", "/d"));
        assertErrno(Errno.ENOTDIR, () -> root.rename("/d", "/f"));
        assertErrno(Errno.ENOTEMPTY, () -> root.rename("/d", "/e"));
        assertErrno(Errno.ENOTDIR, () -> root.rename("/f", "/g/"));
        assertErrno(Errno.EBUSY, () -> root.rename("/d/.", "/x"));
        assertErrno(Errno.EBUSY, () -> root.rename("/f", "/d/.."));
        assertErrno(Errno.ENOENT, () -> root.rename("/missing", "/x"));
        root.rmdir("/d/sub");
        root.rename("/e", "/d");
        assertThat(root.listDir("/d")).containsExactly("x");
    }

    @Test
    void noreplaceAndExchange() throws Exception {
        root.writeFile("/a", bytes("A"));
        root.writeFile("/b", bytes("B"));
        assertErrno(Errno.EEXIST, () -> rename2("/a", "/b", AtFlags.RENAME_NOREPLACE));
        assertErrno(Errno.ENOENT, () -> rename2("/a", "/c", AtFlags.RENAME_EXCHANGE));
        assertErrno(Errno.EINVAL, () -> rename2("/a", "/b", 3));
        rename2("/a", "/b", AtFlags.RENAME_EXCHANGE);
        assertThat(str(root.readFile("/a"))).isEqualTo("B");
        assertThat(str(root.readFile("/b"))).isEqualTo("A");
        rename2("/a", "/c", AtFlags.RENAME_NOREPLACE);
        assertThat(root.listDir("/")).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void crossMountRenamesAndLinksAreExdevAndMountPointsAreBusy() throws Exception {
        root.mkdir("/m", 0755);
        root.writeFile("/f", new byte[0]);
        root.mount("none", "/m", MemFs.TYPE, 0, "");
        assertErrno(Errno.EXDEV, () -> root.rename("/f", "/m/f"));
        assertErrno(Errno.EXDEV, () -> root.link("/f", "/m/f"));
        assertErrno(Errno.EBUSY, () -> root.rename("/m", "/m2"));
        root.mkdir("/other", 0755);
        assertErrno(Errno.EBUSY, () -> root.rename("/other", "/m"));
    }

    @Test
    void renamedDirectoryKeepsCwdPathsCurrent() throws Exception {
        root.mkdir("/a", 0755);
        root.mkdir("/a/b", 0755);
        root.chdir("/a/b");
        root.rename("/a", "/z");
        assertThat(root.getcwd()).isEqualTo("/z/b");
        int fd = root.open("/z/b", dev.cairn.vfs.OpenFlags.O_RDONLY, 0);
        assertThat(root.fdPath(fd)).isEqualTo("/z/b");
    }
}
