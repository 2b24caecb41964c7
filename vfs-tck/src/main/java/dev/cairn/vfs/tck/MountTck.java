package dev.cairn.vfs.tck;

import static dev.cairn.vfs.OpenFlags.O_CREAT;
import static dev.cairn.vfs.OpenFlags.O_RDONLY;
import static dev.cairn.vfs.OpenFlags.O_WRONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.Mount;
import dev.cairn.vfs.MountFlags;
import dev.cairn.vfs.MountRequest;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Mounts of the filesystem under test: the mount table text (checked by util-linux findmnt
 * when installed), mount flags (ro, noexec), read-only switching and umount rules.
 */
public abstract class MountTck extends TckSuite {
    private static final Pattern MOUNTINFO_LINE =
            Pattern.compile("\\d+ \\d+ \\d+:\\d+ \\S+ \\S+ \\S+( \\S+)* - \\S+ \\S+ \\S+");
    private static final Pattern MOUNTS_LINE = Pattern.compile("\\S+ \\S+ \\S+ \\S+ 0 0");

    private MountRequest withFlags(int flags) {
        MountRequest b = fixture.rootMount();
        return new MountRequest(b.source(), b.type(), b.flags() | flags, b.data(), b.internalData(), b.internal());
    }

    private Mount mountAt(String path, int flags) throws Exception {
        root.mkdir(path, 0755);
        return vfs.mountAt(Credentials.root(), ns, path, withFlags(flags));
    }

    @Test
    void mountinfoHasTheLinuxShapeAndEscapesSpaces() throws Exception {
        mountAt("/a b", 0);
        mountAt("/r", MountFlags.MS_RDONLY | MountFlags.MS_NOEXEC);
        String text = vfs.mountInfo(root);
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(3).allMatch(l -> MOUNTINFO_LINE.matcher(l).matches(), "mountinfo shape");
        assertThat(lines.get(0).split(" ")[4]).isEqualTo("/");
        assertThat(text).contains(" /a\\040b ");
        String ro = lines.stream().filter(l -> l.split(" ")[4].equals("/r")).findFirst().orElseThrow();
        assertThat(ro.split(" ")[5].split(",")).contains("ro", "noexec");
        assertThat(ro.substring(ro.indexOf(" - ")).split(" ")[2]).isEqualTo(fixture.rootMount().type());
        String rootId = lines.get(0).split(" ")[0];
        assertThat(ro.split(" ")[1]).as("parent id of a submount").isEqualTo(rootId);
    }

    @Test
    void findmntParsesMountinfoAsWeMeantIt() throws Exception {
        Assumptions.assumeTrue(Findmnt.available(), "util-linux findmnt is not installed");
        mountAt("/a b", 0);
        mountAt("/r", MountFlags.MS_RDONLY | MountFlags.MS_NOATIME);
        List<Map<String, String>> rows = Findmnt.parse(vfs.mountInfo(root), "ID,PARENT,TARGET,FSTYPE,VFS-OPTIONS");
        assertThat(rows).extracting(r -> r.get("TARGET")).containsExactly("/", "/a b", "/r");
        assertThat(rows).extracting(r -> r.get("FSTYPE")).containsOnly(fixture.rootMount().type());
        assertThat(rows.get(2).get("VFS-OPTIONS").split(",")).contains("ro", "noatime");
        assertThat(rows.get(1).get("PARENT")).isEqualTo(rows.get(0).get("ID"));
    }

    @Test
    void findmntParsesTheMountsText() throws Exception {
        Assumptions.assumeTrue(Findmnt.available(), "util-linux findmnt is not installed");
        mountAt("/a b", 0);
        String text = vfs.mounts(root);
        assertThat(text.lines().toList()).allMatch(l -> MOUNTS_LINE.matcher(l).matches(), "mounts shape");
        List<Map<String, String>> rows = Findmnt.parse(text, "TARGET,FSTYPE,OPTIONS");
        assertThat(rows).extracting(r -> r.get("TARGET")).containsExactly("/", "/a b");
        assertThat(rows.get(1).get("OPTIONS").split(",")).contains("rw");
    }

    @Test
    void aChrootedTaskSeesOnlyMountsBelowItsRootWithRelativePaths() throws Exception {
        root.mkdir("/jail", 0755);
        mountAt("/jail/m", 0);
        mountAt("/other", 0);
        root.chroot("/jail");
        List<String> points = vfs.mountInfo(root).lines().map(l -> l.split(" ")[4]).toList();
        assertThat(points).contains("/m").doesNotContain("/other", "/jail/m");
    }

    @Test
    void aReadOnlyMountRefusesChanges() throws Exception {
        root.mkdir("/r", 0755);
        put(root, "/r/f", "x");
        Mount m = vfs.mountAt(Credentials.root(), ns, "/r", withFlags(0));
        put(root, "/r/f", "x");
        vfs.setMountReadOnly(m, true);
        assertErrno(Errno.EROFS, () -> root.open("/r/f", O_WRONLY, 0));
        assertErrno(Errno.EROFS, () -> root.open("/r/g", O_WRONLY | O_CREAT, 0644));
        assertErrno(Errno.EROFS, () -> root.mkdir("/r/d", 0755));
        assertErrno(Errno.EROFS, () -> root.unlink("/r/f"));
        assertErrno(Errno.EROFS, () -> root.chmod("/r/f", 0600));
        assertErrno(Errno.EROFS, () -> root.truncate("/r/f", 0));
        assertErrno(Errno.EROFS, () -> root.faccessat(AtFlags.AT_FDCWD, "/r/f", AtFlags.W_OK, 0));
        assertThat(cat(root, "/r/f")).isEqualTo("x");
        vfs.setMountReadOnly(m, false);
        put(root, "/r/g", "y");
    }

    @Test
    void makingAMountReadOnlyWhileAFileIsOpenForWritingIsBusy() throws Exception {
        Mount m = mountAt("/m", 0);
        int fd = root.open("/m/f", O_WRONLY | O_CREAT, 0644);
        assertErrno(Errno.EBUSY, () -> vfs.setMountReadOnly(m, true));
        root.close(fd);
        vfs.setMountReadOnly(m, true);
        assertThat(m.readOnly()).isTrue();
    }

    @Test
    void aNoexecMountDeniesExecuteAccess() throws Exception {
        mountAt("/x", MountFlags.MS_NOEXEC);
        put(root, "/x/f", "#!");
        root.chmod("/x/f", 0755);
        assertErrno(Errno.EACCES, () -> root.faccessat(AtFlags.AT_FDCWD, "/x/f", AtFlags.X_OK, 0));
        root.faccessat(AtFlags.AT_FDCWD, "/x/f", AtFlags.R_OK, 0);
    }

    @Test
    void umountRules() throws Exception {
        mountAt("/m", 0);
        root.mkdir("/m/sub", 0755);
        assertErrno(Errno.EINVAL, () -> vfs.umountAt(Credentials.root(), ns, "/m/sub", 0));
        assertErrno(Errno.EINVAL, () -> vfs.umountAt(Credentials.root(), ns, "/", 0));
        int fd = root.open("/m/sub", O_RDONLY, 0);
        assertErrno(Errno.EBUSY, () -> vfs.umountAt(Credentials.root(), ns, "/m", 0));
        vfs.umountAt(Credentials.root(), ns, "/m", MountFlags.MNT_DETACH);
        assertThat(root.fstat(fd).isDirectory()).as("a detached mount stays usable through open files").isTrue();
        assertThat(root.listDir("/m")).isEmpty();
    }

    @Test
    void aUserCannotMount() throws Exception {
        root.mkdir("/m", 0777);
        MountRequest b = fixture.rootMount();
        assertErrno(Errno.EPERM, () -> user(1000, 1000).mount(b.source(), "/m", b.type(), 0, b.data().raw()));
    }

    @Test
    void twoMountsOfOneFilesystemShareIt() throws Exception {
        Mount m = mountAt("/m", 0);
        Mount other = vfs.newDisconnectedMount(m, 0);
        root.mkdir("/n", 0755);
        vfs.connectMountAt(Credentials.root(), other, ns, "/n");
        put(root, "/m/f", "shared");
        assertThat(cat(root, "/n/f")).isEqualTo("shared");
        assertThat(root.stat("/n/f").ino()).isEqualTo(root.stat("/m/f").ino());
    }

    @Test
    void mountOptionsAndEscapesAreWhatLinuxWritesForTheSameFlags() throws Exception {
        String reason = HostOracle.precondition();
        Assumptions.assumeTrue(reason == null, () -> "no host mounts: " + reason);
        String name = "a b\tc\\d";
        int[] flags = {0, MountFlags.MS_RDONLY, MountFlags.MS_NOSUID | MountFlags.MS_NODEV | MountFlags.MS_NOEXEC,
            MountFlags.MS_NOATIME, MountFlags.MS_RDONLY | MountFlags.MS_NOSUID | MountFlags.MS_NODEV
                | MountFlags.MS_NOEXEC | MountFlags.MS_NOATIME};
        String[] hostOptions = {"", "ro", "nosuid,nodev,noexec", "noatime", "ro,nosuid,nodev,noexec,noatime"};
        for (int i = 0; i < flags.length; i++) {
            String dir = "/m" + i;
            root.mkdir(dir, 0755);
            root.mkdir(dir + "/" + name, 0755);
            vfs.mountAt(Credentials.root(), ns, dir + "/" + name, withFlags(flags[i]));
            String host = HostMount.mountinfoLine(name, hostOptions[i]);
            String ours = vfs.mountInfo(root).lines().filter(l -> l.split(" ")[4].startsWith(dir + "/"))
                    .findFirst().orElseThrow();
            assertThat(ours.split(" ")[5]).as("mount options for host -o '%s'", hostOptions[i])
                    .isEqualTo(host.split(" ")[5]);
            assertThat(ours.split(" ")[4]).as("escaped mount point").endsWith(host.split(" ")[4]
                    .substring(host.split(" ")[4].lastIndexOf('/')));
        }
    }

    @Test
    void aTaskCwdInsideAMountKeepsItBusy() throws Exception {
        mountAt("/m", 0);
        root.mkdir("/m/sub", 0755);
        dev.cairn.vfs.Task t = task(Credentials.root());
        t.chdir("/m/sub");
        assertErrno(Errno.EBUSY, () -> vfs.umountAt(Credentials.root(), ns, "/m", 0));
        t.chdir("/");
        vfs.umountAt(Credentials.root(), ns, "/m", 0);
    }

    @Test
    void renamingOntoAMountPointIsBusy() throws Exception {
        mountAt("/m", 0);
        root.mkdir("/d", 0755);
        assertErrno(Errno.EBUSY, () -> root.rename("/d", "/m"));
    }

    @Test
    void aBindMountShowsTheSubtreeAndNamesItsRootInMountinfo() throws Exception {
        mountAt("/fs", 0);
        root.mkdir("/fs/a", 0755);
        root.mkdir("/fs/a/b", 0755);
        put(root, "/fs/a/b/f", "bound");
        root.mkdir("/bind", 0755);
        root.mount("/fs/a/b", "/bind", "", MountFlags.MS_BIND, null);
        assertThat(cat(root, "/bind/f")).isEqualTo("bound");
        assertThat(root.stat("/bind/f").ino()).isEqualTo(root.stat("/fs/a/b/f").ino());
        String line = vfs.mountInfo(root).lines().filter(l -> l.split(" ")[4].equals("/bind")).findFirst()
                .orElseThrow();
        assertThat(line.split(" ")[3]).as("mountinfo root of a bind mount").isEqualTo("/a/b");
        assertThat(root.stat("/bind/..").ino()).as(".. of a bind mount root is the mount point's parent")
                .isEqualTo(root.stat("/").ino());
    }

    @Test
    void linksAndRenamesBetweenTwoMountsOfOneFilesystemAreCrossDevice() throws Exception {
        mountAt("/fs", 0);
        root.mkdir("/fs/a", 0755);
        put(root, "/fs/f", "x");
        root.mkdir("/bind", 0755);
        root.mount("/fs/a", "/bind", "", MountFlags.MS_BIND, null);
        assertErrno(Errno.EXDEV, () -> root.rename("/fs/f", "/bind/f"));
        if (fixture.features().contains(TckFeature.HARD_LINKS)) {
            assertErrno(Errno.EXDEV, () -> root.link("/fs/f", "/bind/f"));
        }
    }
}
