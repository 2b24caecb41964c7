package dev.cairn.vfs.tck;

import static dev.cairn.vfs.OpenFlags.O_CREAT;
import static dev.cairn.vfs.OpenFlags.O_WRONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.StatFs;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** statfs(2) of the filesystem under test. */
public abstract class StatfsTck extends TckSuite {
    @Test
    void statfsReportsSaneLimits() throws Exception {
        StatFs s = root.statfs("/");
        assertThat(s.nameMax()).isEqualTo(255);
        assertThat(s.blockSize()).isPositive();
        assertThat(s.blocksFree()).isLessThanOrEqualTo(s.blocks() == 0 ? Long.MAX_VALUE : s.blocks());
        assertThat(s.blocksAvailable()).isLessThanOrEqualTo(s.blocksFree() == 0 && s.blocks() == 0
                ? Long.MAX_VALUE : s.blocksFree());
        assertThat(s.filesFree()).isLessThanOrEqualTo(s.files() == 0 ? Long.MAX_VALUE : s.files());
    }

    @Test
    void statfsOfAnyPathNamesTheSameFilesystem() throws Exception {
        root.mkdir("/d", 0755);
        put(root, "/d/f", "x");
        assertThat(root.statfs("/d/f").type()).isEqualTo(root.statfs("/").type());
    }

    @Test
    void statfsOfAMissingPath() throws Exception {
        assertErrno(Errno.ENOENT, () -> root.statfs("/nope"));
    }

    @Test
    void statfsNeedsSearchPermissionOnTheWay() throws Exception {
        assume(TckFeature.PERMISSIONS);
        root.mkdir("/d", 0700);
        assertErrno(Errno.EACCES, () -> user(1000, 1000).statfs("/d/x"));
    }

    @Test
    void statfsOfAMountPointIsTheMountedFilesystem() throws Exception {
        root.mkdir("/m", 0755);
        vfs.mountAt(Credentials.root(), ns, "/m", fixture.rootMount());
        put(root, "/m/f", "x".repeat(100_000));
        assertThat(root.statfs("/m").type()).isEqualTo(root.statfs("/").type());
    }

    @Test
    void writingDataUsesFreeBlocksAndCreatingFilesUsesFreeInodes() throws Exception {
        assume(TckFeature.STATFS_COUNTS);
        StatFs before = root.statfs("/");
        Assumptions.assumeTrue(before.blocks() > 0, "the filesystem reports no block count");
        int fd = root.open("/big", O_WRONLY | O_CREAT, 0644);
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 16; i++) {
            root.write(fd, ByteBuffer.wrap(chunk));
        }
        for (int i = 0; i < 10; i++) {
            put(root, "/f" + i, "");
        }
        StatFs after = root.statfs("/");
        assertThat((before.blocksFree() - after.blocksFree()) * before.blockSize())
                .as("free bytes consumed by 1 MiB of data").isGreaterThanOrEqualTo(1 << 20);
        if (before.files() > 0) {
            assertThat(before.filesFree() - after.filesFree()).isGreaterThanOrEqualTo(11);
        }
        root.close(fd);
        root.unlink("/big");
        assertThat(root.statfs("/").blocksFree()).isGreaterThan(after.blocksFree());
    }

    @Test
    void statfsFlagsReflectTheMountFlagsAsLinuxDoes() throws Exception {
        root.mkdir("/plain", 0755);
        root.mkdir("/locked", 0755);
        dev.cairn.vfs.MountRequest b = fixture.rootMount();
        vfs.mountAt(Credentials.root(), ns, "/plain", b);
        int all = dev.cairn.vfs.MountFlags.MS_RDONLY | dev.cairn.vfs.MountFlags.MS_NOSUID
                | dev.cairn.vfs.MountFlags.MS_NODEV | dev.cairn.vfs.MountFlags.MS_NOEXEC
                | dev.cairn.vfs.MountFlags.MS_NOATIME;
        vfs.mountAt(Credentials.root(), ns, "/locked", new dev.cairn.vfs.MountRequest(b.source(), b.type(),
                b.flags() | all, b.data(), b.internalData(), b.internal()));
        assertThat(root.statfs("/plain").flags()).as("ST_RELATIME of a default mount").isEqualTo(ST_RELATIME);
        assertThat(root.statfs("/locked").flags()).as("ST_RDONLY|ST_NOSUID|ST_NODEV|ST_NOEXEC|ST_NOATIME")
                .isEqualTo(1 | 2 | 4 | 8 | 1024);
    }

    /** statvfs f_flag bit of a relatime mount (Linux ST_RELATIME). */
    private static final long ST_RELATIME = 4096;
}
