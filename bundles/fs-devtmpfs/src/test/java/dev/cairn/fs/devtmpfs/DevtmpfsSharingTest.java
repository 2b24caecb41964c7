package dev.cairn.fs.devtmpfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.Mount;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.Task;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevtmpfsSharingTest {
    private static Errno errnoOf(Throwable t) {
        return ((ErrnoException) t).errno();
    }

    @Test
    void everyMountInOneVfsShowsTheSameFilesystem() throws Exception {
        DevSandbox s = new DevSandbox(TestDevice.of("null", 1, 3));
        Mount dev = s.mount("/dev");
        Mount mnt = s.mount("/mnt");

        assertThat(mnt.filesystem()).isSameAs(dev.filesystem());
        s.task.writeFile("/dev/shm/seen", "from /dev".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(s.task.readFile("/mnt/shm/seen"), StandardCharsets.UTF_8)).isEqualTo("from /dev");
        Stat a = s.task.stat("/dev/shm/seen");
        Stat b = s.task.stat("/mnt/shm/seen");
        assertThat(b.ino()).isEqualTo(a.ino());
        assertThat(b.devMajor()).isEqualTo(a.devMajor());
        assertThat(b.devMinor()).isEqualTo(a.devMinor());
    }

    @Test
    void anotherNamespaceOfTheSameVfsSeesTheSameNodes() throws Exception {
        DevSandbox s = new DevSandbox();
        s.mount("/dev");
        s.task.mkdir("/dev/made-here", 0700);

        Task other = s.otherNamespaceTask();
        other.mount("none", "/dev", DevtmpfsType.NAME, 0, null);

        assertThat(other.stat("/dev/made-here").permissions()).isEqualTo(0700);
    }

    @Test
    void anotherVfsHasItsOwnDevtmpfs() throws Exception {
        DevSandbox one = new DevSandbox();
        DevSandbox two = new DevSandbox();
        one.mount("/dev");
        two.mount("/dev");
        one.task.mkdir("/dev/only-in-one", 0755);

        assertThatThrownBy(() -> two.task.stat("/dev/only-in-one"))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOENT));
    }

    @Test
    void contentsOutliveTheLastMount() throws Exception {
        DevSandbox s = new DevSandbox();
        s.mount("/mnt");
        s.task.writeFile("/mnt/shm/kept", new byte[] {7});
        s.task.umount("/mnt", 0);
        assertThatThrownBy(() -> s.task.stat("/mnt/shm"))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOENT));

        s.mount("/dev");

        assertThat(s.task.readFile("/dev/shm/kept")).containsExactly(7);
    }

    @Test
    void tmpfsOptionsAreAcceptedAndIgnoredAsOnLinux() throws Exception {
        DevSandbox s = new DevSandbox();
        s.mount("/dev", "size=1m,mode=700,uid=5,gid=6,nr_inodes=5,huge=always,noswap,inode64,mpol=default");

        Stat root = s.task.stat("/dev");
        assertThat(root.permissions()).isEqualTo(0755);
        assertThat(root.uid()).isZero();
    }

    /** Linux 6.18: each of these makes mount -t devtmpfs fail with EINVAL. */
    @ParameterizedTest
    @ValueSource(strings = {"bogus", "bogus=1", "size=abc", "mode=99999", "size", "noswap=1", "uid=-1", "huge=maybe"})
    void badOptionsFailWithEinvalNamingTheOption(String data) throws Exception {
        DevSandbox s = new DevSandbox();

        assertThatThrownBy(() -> s.mount("/dev", data))
                .isInstanceOf(ErrnoException.class)
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EINVAL))
                .hasMessageContaining(data);
    }

    @Test
    void aUserWithCapSysAdminMayMountIt() throws Exception {
        DevSandbox s = new DevSandbox();

        s.task.mount("none", "/mnt", DevtmpfsType.NAME, 0, "");

        assertThat(s.task.listDir("/mnt")).contains("shm", "pts");
    }

    @Test
    void aVfsNobodyUsesIsNotKeptAliveByItsDevtmpfs() throws Exception {
        DevtmpfsType type = new DevtmpfsType();
        java.lang.ref.WeakReference<dev.cairn.vfs.VirtualFilesystem> ref = mountInThrowawayVfs(type);

        // Bounded: a leak keeps the reference set through all rounds.
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }

        assertThat(ref.get()).as("VFS collected").isNull();
    }

    private static java.lang.ref.WeakReference<dev.cairn.vfs.VirtualFilesystem> mountInThrowawayVfs(
            DevtmpfsType type) throws ErrnoException {
        dev.cairn.vfs.VirtualFilesystem vfs = dev.cairn.vfs.VirtualFilesystem.create("throwaway");
        vfs.registerFilesystemType(DevtmpfsType.NAME, type, dev.cairn.vfs.TypePolicy.USER_MOUNTABLE);
        vfs.registerCharDevice(TestDevice.of("null", 1, 3));
        dev.cairn.vfs.MountNamespace ns = vfs.newMountNamespace(DevSandbox.ROOT,
                dev.cairn.vfs.MountRequest.internal("none", DevtmpfsType.NAME, 0, ""));
        assertThat(vfs.newTask(DevSandbox.ROOT, ns).listDir("/")).contains("null");
        assertThat(type.instance(vfs)).isNotNull();
        return new java.lang.ref.WeakReference<>(vfs);
    }

    @Test
    void aStoppedTypeMountsNothingAndNoLongerFollowsDevices() throws Exception {
        DevSandbox s = new DevSandbox();
        s.mount("/dev");
        s.type.deactivate();

        s.vfs.registerCharDevice(TestDevice.of("late", 77, 1));

        assertThat(s.task.listDir("/dev")).doesNotContain("late");
        assertThatThrownBy(() -> s.mount("/mnt"))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENODEV));
    }
}
