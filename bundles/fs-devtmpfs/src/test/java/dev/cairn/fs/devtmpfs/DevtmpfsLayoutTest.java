package dev.cairn.fs.devtmpfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Stat;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class DevtmpfsLayoutTest {
    /** Registered deliberately out of order: the nodes must still come out in Linux/gVisor order. */
    private static DevSandbox scrambled() throws ErrnoException {
        return new DevSandbox(
                TestDevice.of("fuse", 10, 229), TestDevice.of("custom", 42, 1), TestDevice.of("urandom", 1, 9),
                TestDevice.of("tty", 5, 0), TestDevice.of("net/tun", 10, 200), TestDevice.of("zero", 1, 5),
                TestDevice.of("null", 1, 3), TestDevice.of("random", 1, 8), TestDevice.of("full", 1, 7),
                new TestDevice("other", 42, 2, 0600));
    }

    @Test
    void userspaceInitThenDeviceNodesInTheFixedOrderThenOthersInRegistrationOrder() throws Exception {
        DevSandbox s = scrambled();
        s.mount("/dev");

        assertThat(s.listing("/dev")).containsExactly(
                "fd 120777 -> /proc/self/fd",
                "stdin 120777 -> /proc/self/fd/0",
                "stdout 120777 -> /proc/self/fd/1",
                "stderr 120777 -> /proc/self/fd/2",
                "ptmx 120777 -> pts/ptmx",
                "shm 40755",
                "pts 40755",
                "null 20666 1:3",
                "zero 20666 1:5",
                "full 20666 1:7",
                "random 20666 1:8",
                "urandom 20666 1:9",
                "tty 20666 5:0",
                "net 40755",
                "fuse 20666 10:229",
                "custom 20666 42:1",
                "other 20600 42:2");
        assertThat(s.listing("/dev/net")).containsExactly("tun 20666 10:200");
    }

    @Test
    void rootIsA0755DirectoryOwnedByRoot() throws Exception {
        DevSandbox s = new DevSandbox(TestDevice.of("null", 1, 3));
        s.mount("/dev");

        Stat root = s.task.stat("/dev");
        assertThat(root.isDirectory()).isTrue();
        assertThat(root.permissions()).isEqualTo(0755);
        assertThat(root.uid()).isZero();
        assertThat(root.gid()).isZero();
        // 2 + the two subdirectories shm and pts
        assertThat(root.nlink()).isEqualTo(4);
        assertThat(s.task.stat("/dev/null").uid()).isZero();
    }

    @Test
    void emptyVfsStillGetsTheUserspaceInitEntries() throws Exception {
        DevSandbox s = new DevSandbox();
        s.mount("/dev");

        assertThat(s.task.listDir("/dev")).containsExactly("fd", "stdin", "stdout", "stderr", "ptmx", "shm", "pts");
        assertThat(s.task.listDir("/dev/shm")).isEmpty();
        assertThat(s.task.listDir("/dev/pts")).isEmpty();
    }

    @Test
    void openingADeviceNodeReachesTheRegisteredDriver() throws Exception {
        DevSandbox s = scrambled();
        s.mount("/dev");

        int fd = s.task.open("/dev/custom", OpenFlags.O_RDONLY);
        ByteBuffer buf = ByteBuffer.allocate(4);
        assertThat(s.task.read(fd, buf)).isEqualTo(4);
        assertThat(buf.array()).containsExactly(1, 1, 1, 1);
        s.task.close(fd);
    }

    @Test
    void nodeWithoutARegisteredDriverGivesEnxio() throws Exception {
        DevSandbox s = scrambled();
        s.mount("/dev");
        s.task.mknodat(dev.cairn.vfs.AtFlags.AT_FDCWD, "/dev/nodriver", 020666, 42, 99);

        Stat st = s.task.stat("/dev/nodriver");
        assertThat(st.rdevMajor()).isEqualTo(42);
        assertThat(st.rdevMinor()).isEqualTo(99);
        assertThatThrownBy(() -> s.task.open("/dev/nodriver", OpenFlags.O_RDONLY))
                .isInstanceOf(ErrnoException.class)
                .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(Errno.ENXIO));
    }

    @Test
    void statfsReportsTmpfsMagicLikeLinuxDevtmpfs() throws Exception {
        DevSandbox s = new DevSandbox();
        s.mount("/dev");

        assertThat(s.task.statfs("/dev").type()).isEqualTo(dev.cairn.vfs.StatFs.TMPFS_MAGIC);
        assertThat(s.task.statfs("/dev").nameMax()).isEqualTo(255);
    }

    @Test
    void mountTableShowsTheFilesystemOptions() throws Exception {
        DevSandbox s = new DevSandbox();
        s.mount("/dev");

        assertThat(s.vfs.mounts(s.task)).containsPattern("none /dev devtmpfs rw,.*nr_inodes=\\d+,mode=755 0 0");
    }
}
