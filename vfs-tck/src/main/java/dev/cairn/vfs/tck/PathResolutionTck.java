package dev.cairn.vfs.tck;

import static dev.cairn.vfs.OpenFlags.O_DIRECTORY;
import static dev.cairn.vfs.OpenFlags.O_RDONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Path resolution: the oracle rows plus mounts, chroot and dirfd-relative walks. */
public abstract class PathResolutionTck extends TckSuite {
    @TestFactory
    Stream<DynamicTest> pathsAsOnLinux() {
        return oracleRows("paths");
    }

    @Test
    void dotDotAtAMountRootContinuesFromTheMountPoint() throws Exception {
        root.mkdir("/a", 0755);
        root.mkdir("/a/m", 0755);
        vfs.mountAt(Credentials.root(), ns, "/a/m", fixture.rootMount());
        root.mkdir("/a/m/sub", 0755);
        assertThat(root.stat("/a/m/..").ino()).isEqualTo(root.stat("/a").ino());
        assertThat(root.stat("/a/m/sub/../..").ino()).isEqualTo(root.stat("/a").ino());
        assertThat(root.stat("/a/m").devMinor() != root.stat("/a").devMinor()
                || root.stat("/a/m").devMajor() != root.stat("/a").devMajor())
                .as("a new filesystem instance has its own device number").isTrue();
    }

    @Test
    void aSymlinkIntoAMountIsFollowedIntoIt() throws Exception {
        assume(TckFeature.SYMLINKS);
        root.mkdir("/m", 0755);
        vfs.mountAt(Credentials.root(), ns, "/m", fixture.rootMount());
        put(root, "/m/f", "inside");
        root.symlink("/m/f", "/l");
        assertThat(cat(root, "/l")).isEqualTo("inside");
    }

    @Test
    void anAbsoluteSymlinkRestartsAtTheTaskRootAfterChroot() throws Exception {
        assume(TckFeature.SYMLINKS);
        root.mkdir("/jail", 0755);
        put(root, "/f", "outside");
        put(root, "/jail/f", "inside");
        root.symlink("/f", "/jail/l");
        root.chroot("/jail");
        root.chdir("/");
        assertThat(cat(root, "/l")).isEqualTo("inside");
        assertThat(cat(root, "/../../f")).isEqualTo("inside");
        assertThat(root.getcwd()).isEqualTo("/");
    }

    @Test
    void chrootNeedsCapSysChroot() throws Exception {
        root.mkdir("/jail", 0755);
        assertErrno(Errno.EPERM, () -> user(1000, 1000).chroot("/jail"));
    }

    @Test
    void openatResolvesRelativeToTheDirectoryFd() throws Exception {
        root.mkdir("/d", 0755);
        put(root, "/d/f", "rel");
        int dfd = root.open("/d", O_RDONLY | O_DIRECTORY, 0);
        int fd = root.openat(dfd, "f", O_RDONLY, 0);
        assertThat(read(root, fd, 10)).isEqualTo("rel");
        assertThat(root.fstatat(dfd, "f", 0).size()).isEqualTo(3);
        assertThat(root.fstatat(fd, "", AtFlags.AT_EMPTY_PATH).size()).isEqualTo(3);
        assertErrno(Errno.ENOTDIR, () -> root.openat(fd, "x", O_RDONLY, 0));
        assertErrno(Errno.EBADF, () -> root.openat(999, "f", O_RDONLY, 0));
    }

    @Test
    void anAbsolutePathIgnoresTheDirectoryFd() throws Exception {
        root.mkdir("/d", 0755);
        put(root, "/f", "abs");
        int dfd = root.open("/d", O_RDONLY | O_DIRECTORY, 0);
        int fd = root.openat(dfd, "/f", O_RDONLY, 0);
        assertThat(read(root, fd, 10)).isEqualTo("abs");
    }

    @Test
    void aMountHidesTheDirectoryBelowAndUmountRevealsIt() throws Exception {
        root.mkdir("/m", 0755);
        put(root, "/m/below", "x");
        vfs.mountAt(Credentials.root(), ns, "/m", fixture.rootMount());
        assertThat(root.listDir("/m")).doesNotContain("below");
        assertErrno(Errno.ENOENT, () -> root.stat("/m/below"));
        vfs.umountAt(Credentials.root(), ns, "/m", 0);
        assertThat(root.listDir("/m")).contains("below");
    }

    @Test
    void theCwdKeepsWorkingAfterItsPathIsRenamed() throws Exception {
        root.mkdir("/a", 0755);
        root.chdir("/a");
        root.rename("/a", "/b");
        put(root, "f", "x");
        assertThat(cat(root, "/b/f")).isEqualTo("x");
        assertThat(root.getcwd()).isEqualTo("/b");
    }

    @Test
    void fchdirFollowsADirectoryFdAndRefusesAFile() throws Exception {
        root.mkdir("/d", 0755);
        put(root, "/f", "x");
        int dfd = root.open("/d", dev.cairn.vfs.OpenFlags.O_PATH, 0);
        root.fchdir(dfd);
        assertThat(root.getcwd()).isEqualTo("/d");
        int ffd = root.open("/f", O_RDONLY, 0);
        assertErrno(Errno.ENOTDIR, () -> root.fchdir(ffd));
    }

    @Test
    void accessWithUnknownModeBitsIsInvalid() throws Exception {
        put(root, "/f", "x");
        assertErrno(Errno.EINVAL, () -> root.faccessat(AtFlags.AT_FDCWD, "/f", 8, 0));
    }
}
