package dev.cairn.vfs.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.OpenFlags;
import org.junit.jupiter.api.Test;

class ResolutionTest extends VfsTestBase {
    @Test
    void fortySymlinksResolveAndTheFortyFirstIsEloop() throws Exception {
        root.writeFile("/target", bytes("t"));
        root.symlink("/target", "/l0");
        for (int i = 1; i <= 40; i++) {
            root.symlink("l" + (i - 1), "/l" + i);
        }
        assertThat(str(root.readFile("/l39"))).isEqualTo("t");
        assertErrno(Errno.ELOOP, () -> root.stat("/l40"));
        assertThat(root.lstat("/l40").isSymlink()).isTrue();
        root.symlink("self", "/self");
        assertErrno(Errno.ELOOP, () -> root.stat("/self"));
    }

    @Test
    void nameAndPathLengthLimitsGiveEnametoolong() throws Exception {
        String name255 = "a".repeat(255);
        root.writeFile("/" + name255, new byte[0]);
        assertErrno(Errno.ENAMETOOLONG, () -> root.stat("/" + "a".repeat(256)));
        assertErrno(Errno.ENAMETOOLONG, () -> root.mkdir("/" + "é".repeat(128), 0755));
        StringBuilder p = new StringBuilder();
        while (p.length() < 4096) {
            p.append("/x");
        }
        assertErrno(Errno.ENAMETOOLONG, () -> root.stat(p.toString()));
        assertErrno(Errno.ENOENT, () -> root.stat(p.substring(0, 4094)));
    }

    @Test
    void symlinkTargetsFollowLinuxRules() throws Exception {
        root.mkdir("/a", 0755);
        root.mkdir("/a/b", 0755);
        root.writeFile("/a/b/f", bytes("f"));
        root.symlink("b/f", "/a/rel");
        root.symlink("/a/b", "/a/abs");
        assertThat(str(root.readFile("/a/rel"))).isEqualTo("f");
        assertThat(str(root.readFile("/a/abs/f"))).isEqualTo("f");
        assertThat(root.stat("/a/abs/").isDirectory()).isTrue();
        assertThat(root.lstat("/a/abs").isSymlink()).isTrue();
        assertThat(root.lstat("/a/abs/").isDirectory()).isTrue();
        assertErrno(Errno.ENOTDIR, () -> root.stat("/a/rel/"));
        assertErrno(Errno.ENOENT, () -> root.symlink("", "/a/empty"));
        assertThat(root.readlink("/a/rel")).isEqualTo("b/f");
        assertErrno(Errno.EINVAL, () -> root.readlink("/a/b/f"));
    }

    @Test
    void absoluteSymlinksRestartAtTheTaskRoot() throws Exception {
        root.mkdir("/jail", 0755);
        root.mkdir("/jail/etc", 0755);
        root.writeFile("/jail/etc/passwd", bytes("inner"));
        root.mkdir("/etc", 0755);
        root.writeFile("/etc/passwd", bytes("outer"));
        root.symlink("/etc/passwd", "/jail/link");
        var t = vfs.newTask(Credentials.root(), ns);
        t.chroot("/jail");
        t.chdir("/");
        assertThat(str(t.readFile("/link"))).isEqualTo("inner");
        assertThat(str(t.readFile("/../../etc/passwd"))).isEqualTo("inner");
        assertThat(t.getcwd()).isEqualTo("/");
        assertThat(str(root.readFile("/jail/link"))).isEqualTo("outer");
        assertErrno(Errno.EPERM, () -> user(1, 1).chroot("/jail"));
    }

    @Test
    void dotDotAtTheRootStaysAndTrailingSlashNeedsADirectory() throws Exception {
        root.writeFile("/f", new byte[0]);
        assertThat(root.stat("/../../..").ino()).isEqualTo(root.stat("/").ino());
        assertErrno(Errno.ENOTDIR, () -> root.stat("/f/"));
        assertErrno(Errno.ENOTDIR, () -> root.stat("/f/x"));
        assertErrno(Errno.ENOTDIR, () -> root.stat("/f/.."));
        assertThat(root.stat("//f").isRegular()).isTrue();
    }

    @Test
    void finalSymlinkIsFollowedOnlyWhenAsked() throws Exception {
        root.symlink("nowhere", "/dangle");
        assertErrno(Errno.ENOENT, () -> root.stat("/dangle"));
        assertThat(root.lstat("/dangle").isSymlink()).isTrue();
        assertErrno(Errno.EEXIST, () -> root.open("/dangle", OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_WRONLY, 0644));
        assertErrno(Errno.ELOOP, () -> root.open("/dangle", OpenFlags.O_RDONLY | OpenFlags.O_NOFOLLOW, 0));
        int fd = root.open("/dangle", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        root.close(fd);
        assertThat(root.stat("/nowhere").isRegular()).isTrue();
        int p = root.open("/dangle", OpenFlags.O_PATH | OpenFlags.O_NOFOLLOW, 0);
        assertThat(root.fstat(p).isSymlink()).isTrue();
        assertThat(root.readlinkat(p, "")).isEqualTo("nowhere");
        assertThat(root.fstatat(p, "", AtFlags.AT_EMPTY_PATH).isSymlink()).isTrue();
    }

    @Test
    void searchPermissionIsNeededOnEveryDirectoryWalked() throws Exception {
        root.mkdir("/p", 0700);
        root.mkdir("/p/q", 0777);
        root.writeFile("/p/q/f", bytes("x"));
        root.chmod("/p/q/f", 0666);
        var u = user(1000, 1000);
        assertErrno(Errno.EACCES, () -> u.stat("/p/q/f"));
        assertErrno(Errno.EACCES, () -> u.chdir("/p"));
        root.chmod("/p", 0711);
        assertThat(u.stat("/p/q/f").size()).isEqualTo(1);
        assertErrno(Errno.EACCES, () -> u.listDir("/p"));
        var reader = vfs.newTask(Credentials.user(1000, 1000).with(dev.cairn.vfs.Capability.CAP_DAC_READ_SEARCH), ns);
        root.chmod("/p", 0700);
        assertThat(reader.listDir("/p")).containsExactly("q");
    }

    @Test
    void relativePathsStartAtTheCwdOrTheDirfd() throws Exception {
        root.mkdir("/a", 0755);
        root.writeFile("/a/f", bytes("1"));
        root.chdir("/a");
        assertThat(str(root.readFile("f"))).isEqualTo("1");
        assertThat(str(root.readFile("./../a/./f"))).isEqualTo("1");
        int dfd = root.open("/a", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY, 0);
        root.chdir("/");
        assertThat(root.fstatat(dfd, "f", 0).size()).isEqualTo(1);
        int ffd = root.open("/a/f", OpenFlags.O_RDONLY, 0);
        assertErrno(Errno.ENOTDIR, () -> root.fstatat(ffd, "x", 0));
        assertErrno(Errno.EBADF, () -> root.fstatat(99, "x", 0));
        assertThat(root.fstatat(99, "/a/f", 0).size()).isEqualTo(1);
    }

    @Test
    void removedCwdGivesEnoentForGetcwdAndLookups() throws Exception {
        root.mkdir("/gone", 0755);
        root.chdir("/gone");
        root.rmdir("/gone");
        assertErrno(Errno.ENOENT, () -> root.getcwd());
        assertErrno(Errno.ENOENT, () -> root.writeFile("x", new byte[0]));
        assertErrno(Errno.ENOENT, () -> root.mkdir("x", 0755));
        int fd = root.open(".", OpenFlags.O_RDONLY, 0);
        assertErrno(Errno.ENOENT, () -> root.getdents(fd, 10));
    }
}
