package dev.cairn.vfs.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Capability;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PermissionTest extends VfsTestBase {
    Task alice;

    @BeforeEach
    void world() throws Exception {
        root.chmod("/", 0777);
        alice = user(1000, 1000, 50);
    }

    @Test
    void ownerGroupAndOtherBitsDecideAccess() throws Exception {
        root.writeFile("/f", bytes("x"));
        int[][] cases = {
            // mode, uid, gid, expected R, W
            {0400, 1000, 0, 1, 0}, {0200, 1000, 0, 0, 1}, {0040, 0, 50, 1, 0}, {0004, 0, 0, 1, 0},
            {0044, 1000, 0, 0, 0}, {0404, 0, 1000, 0, 0}, {0060, 0, 1000, 1, 1}, {0006, 0, 50, 0, 0},
        };
        for (int[] c : cases) {
            root.chown("/f", c[1], c[2]);
            root.chmod("/f", c[0]);
            boolean r = ok(() -> alice.faccessat(AtFlags.AT_FDCWD, "/f", AtFlags.R_OK, 0));
            boolean w = ok(() -> alice.faccessat(AtFlags.AT_FDCWD, "/f", AtFlags.W_OK, 0));
            assertThat(new boolean[] {r, w}).as("mode %o uid %d gid %d", c[0], c[1], c[2])
                    .containsExactly(c[3] == 1, c[4] == 1);
            boolean opened = ok(() -> alice.close(alice.open("/f", OpenFlags.O_RDONLY, 0)));
            assertThat(opened).isEqualTo(c[3] == 1);
        }
    }

    interface Call {
        void run() throws Exception;
    }

    static boolean ok(Call c) {
        try {
            c.run();
            return true;
        } catch (dev.cairn.vfs.ErrnoException e) {
            assertThat(e.errno()).isEqualTo(Errno.EACCES);
            return false;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void dacOverrideGrantsExecOnlyWithSomeExecBit() throws Exception {
        root.writeFile("/f", bytes("x"));
        root.chmod("/f", 0600);
        root.chown("/f", 1, 1);
        assertErrno(Errno.EACCES, () -> root.faccessat(AtFlags.AT_FDCWD, "/f", AtFlags.X_OK, 0));
        root.faccessat(AtFlags.AT_FDCWD, "/f", AtFlags.R_OK | AtFlags.W_OK, 0);
        root.chmod("/f", 0001);
        root.faccessat(AtFlags.AT_FDCWD, "/f", AtFlags.X_OK, 0);
        var search = vfs.newTask(Credentials.user(5, 5).with(Capability.CAP_DAC_READ_SEARCH), ns);
        root.chmod("/f", 0);
        search.readFile("/f");
        assertErrno(Errno.EACCES, () -> search.open("/f", OpenFlags.O_WRONLY, 0));
    }

    @Test
    void umaskAndSetgidDirectoriesShapeNewNodes() throws Exception {
        alice.umask(027);
        alice.writeFile("/a", new byte[0]);
        assertThat(alice.stat("/a").permissions()).isEqualTo(0640);
        alice.mkdir("/ad", 0777);
        assertThat(alice.stat("/ad").permissions()).isEqualTo(0750);
        root.mkdir("/sg", 0777);
        root.chown("/sg", 0, 77);
        root.chmod("/sg", 02777);
        alice.umask(0);
        alice.mkdir("/sg/sub", 0755);
        assertThat(alice.stat("/sg/sub").gid()).isEqualTo(77);
        assertThat(alice.stat("/sg/sub").permissions()).isEqualTo(02755);
        alice.close(alice.open("/sg/file", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 02775));
        assertThat(alice.stat("/sg/file").gid()).isEqualTo(77);
        assertThat(alice.stat("/sg/file").permissions()).isEqualTo(0775);
        root.close(root.open("/sg/rootfile", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 02775));
        assertThat(root.stat("/sg/rootfile").permissions()).isEqualTo(02755);
    }

    @Test
    void stickyDirectoriesProtectOthersEntries() throws Exception {
        root.mkdir("/tmp", 01777);
        root.chmod("/tmp", 01777);
        Task bob = user(2000, 2000);
        bob.writeFile("/tmp/bobs", new byte[0]);
        assertErrno(Errno.EPERM, () -> alice.unlink("/tmp/bobs"));
        assertErrno(Errno.EPERM, () -> alice.rename("/tmp/bobs", "/tmp/mine"));
        bob.mkdir("/tmp/bobdir", 0755);
        assertErrno(Errno.EPERM, () -> alice.rename("/tmp/bobs", "/tmp/bobdir/x"));
        alice.writeFile("/tmp/alices", new byte[0]);
        assertErrno(Errno.EPERM, () -> alice.rename("/tmp/alices", "/tmp/bobs"));
        bob.unlink("/tmp/bobs");
        alice.rename("/tmp/alices", "/tmp/a2");
        var fowner = vfs.newTask(Credentials.user(3000, 3000).with(Capability.CAP_FOWNER), ns);
        fowner.unlink("/tmp/a2");
    }

    @Test
    void chmodRulesClearSetgidForNonMembers() throws Exception {
        alice.writeFile("/f", new byte[0]);
        assertErrno(Errno.EPERM, () -> user(2000, 2000).chmod("/f", 0777));
        alice.chmod("/f", 02755);
        assertThat(alice.stat("/f").permissions()).isEqualTo(02755);
        root.chown("/f", 1000, 99);
        alice.chmod("/f", 02755);
        assertThat(alice.stat("/f").permissions()).isEqualTo(0755);
        root.chmod("/f", 02755);
        assertThat(root.stat("/f").permissions()).isEqualTo(02755);
    }

    @Test
    void chownRulesAndSetuidClearing() throws Exception {
        alice.writeFile("/f", new byte[0]);
        assertErrno(Errno.EPERM, () -> alice.chown("/f", 2000, -1));
        alice.chown("/f", -1, 50);
        assertThat(alice.stat("/f").gid()).isEqualTo(50);
        assertErrno(Errno.EPERM, () -> alice.chown("/f", -1, 51));
        assertErrno(Errno.EPERM, () -> user(2000, 50).chown("/f", -1, 50));
        alice.chmod("/f", 06755);
        root.chown("/f", 1001, -1);
        assertThat(root.stat("/f").permissions()).isEqualTo(0755);
        root.chmod("/f", 06755);
        root.chmod("/f", 06777);
        var w = root.open("/f", OpenFlags.O_WRONLY, 0);
        root.close(w);
        assertThat(root.stat("/f").permissions()).isEqualTo(06777);
        var bob = user(2000, 2000);
        int fd = bob.open("/f", OpenFlags.O_WRONLY, 0);
        bob.write(fd, java.nio.ByteBuffer.wrap(bytes("x")));
        bob.close(fd);
        assertThat(root.stat("/f").permissions()).isEqualTo(0777);
    }

    @Test
    void utimesNeedOwnershipForExplicitTimesAndWriteAccessForNow() throws Exception {
        root.writeFile("/f", new byte[0]);
        root.chmod("/f", 0666);
        assertErrno(Errno.EPERM, () -> alice.utimensat(AtFlags.AT_FDCWD, "/f", 1000L, 2000L, 0));
        alice.utimensat(AtFlags.AT_FDCWD, "/f", Task.UTIME_NOW, Task.UTIME_NOW, 0);
        root.chmod("/f", 0644);
        assertErrno(Errno.EACCES, () -> alice.utimensat(AtFlags.AT_FDCWD, "/f", Task.UTIME_NOW, Task.UTIME_OMIT, 0));
        root.utimensat(AtFlags.AT_FDCWD, "/f", 1_000_000_000L, 2_000_000_000L, 0);
        assertThat(root.stat("/f").atimeNanos()).isEqualTo(1_000_000_000L);
        assertThat(root.stat("/f").mtimeNanos()).isEqualTo(2_000_000_000L);
    }

    @Test
    void xattrNamespacesFollowLinux() throws Exception {
        alice.writeFile("/f", new byte[0]);
        alice.setxattr("/f", "user.k", bytes("v"), 0, true);
        assertThat(str(alice.getxattr("/f", "user.k", true))).isEqualTo("v");
        assertErrno(Errno.ENODATA, () -> alice.getxattr("/f", "user.none", true));
        assertErrno(Errno.EPERM, () -> alice.setxattr("/f", "trusted.k", bytes("v"), 0, true));
        root.setxattr("/f", "trusted.k", bytes("t"), 0, true);
        assertThat(alice.listxattr("/f", true)).containsExactly("user.k");
        assertThat(root.listxattr("/f", true)).containsExactlyInAnyOrder("user.k", "trusted.k");
        assertErrno(Errno.EOPNOTSUPP, () -> alice.setxattr("/f", "foo.k", bytes("v"), 0, true));
        alice.symlink("/f", "/l");
        assertErrno(Errno.EPERM, () -> alice.setxattr("/l", "user.k", bytes("v"), 0, false));
        alice.chmod("/f", 0400);
        assertErrno(Errno.EACCES, () -> user(2000, 2000).getxattr("/f", "user.k", true));
        assertErrno(Errno.EEXIST, () -> root.setxattr("/f", "user.k", bytes("v"), 1, true));
        root.removexattr("/f", "user.k", true);
        root.mkdir("/sticky", 01777);
        root.chmod("/sticky", 01777);
        assertErrno(Errno.EPERM, () -> alice.setxattr("/sticky", "user.k", bytes("v"), 0, true));
        root.setxattr("/sticky", "user.k", bytes("v"), 0, true);
        assertThat(str(alice.getxattr("/sticky", "user.k", true))).isEqualTo("v");
    }

    @Test
    void protectedHardLinksNeedOwnershipOrReadWriteAccess() throws Exception {
        root.writeFile("/rootfile", new byte[0]);
        root.chmod("/rootfile", 0644);
        assertErrno(Errno.EPERM, () -> alice.link("/rootfile", "/mine"));
        root.chmod("/rootfile", 0666);
        alice.link("/rootfile", "/mine");
        assertThat(root.stat("/rootfile").nlink()).isEqualTo(2);
        root.mkdir("/d", 0755);
        assertErrno(Errno.EPERM, () -> root.link("/d", "/d2"));
        assertErrno(Errno.EEXIST, () -> root.link("/rootfile", "/d"));
    }

    @Test
    void writeAccessOnTheParentIsNeededToCreateAndRemove() throws Exception {
        root.mkdir("/ro", 0755);
        root.writeFile("/ro/f", new byte[0]);
        assertErrno(Errno.EACCES, () -> alice.mkdir("/ro/x", 0755));
        assertErrno(Errno.EACCES, () -> alice.writeFile("/ro/x", new byte[0]));
        assertErrno(Errno.EACCES, () -> alice.unlink("/ro/f"));
        assertErrno(Errno.EACCES, () -> alice.symlink("t", "/ro/l"));
        assertErrno(Errno.EEXIST, () -> alice.mkdir("/ro/f", 0755));
        assertErrno(Errno.EISDIR, () -> alice.unlink("/ro/"));
        assertErrno(Errno.EPERM, () -> alice.link("/ro/f", "/ro/g"));
        assertErrno(Errno.EPERM, () -> alice.mknodat(AtFlags.AT_FDCWD, "/c", 0020666, 1, 3));
    }
}
