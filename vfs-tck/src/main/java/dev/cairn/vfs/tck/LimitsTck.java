package dev.cairn.vfs.tck;

import static dev.cairn.vfs.OpenFlags.O_CREAT;
import static dev.cairn.vfs.OpenFlags.O_RDWR;
import static dev.cairn.vfs.OpenFlags.O_WRONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.StatFs;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Space and inode limits ({@link TckFixture#limitedMount}), with the numbers Linux tmpfs gives
 * for {@code size=64k,nr_inodes=8}: a write is cut at the limit and the next one fails with
 * ENOSPC, the root counts as an inode, and freed space and inodes can be used again.
 */
public abstract class LimitsTck extends TckSuite {
    private static final long BYTES = 64 * 1024;
    private static final long INODES = 8;

    private void mountLimited() throws Exception {
        MountRequest r = fixture.limitedMount(BYTES, INODES).orElse(null);
        Assumptions.assumeTrue(r != null, "the filesystem under test has no size/inode limits");
        root.mkdir("/l", 0755);
        vfs.mountAt(Credentials.root(), ns, "/l", r);
    }

    @Test
    void aWriteIsCutAtTheSizeLimitAndTheNextOneFails() throws Exception {
        mountLimited();
        int fd = root.open("/l/big", O_WRONLY | O_CREAT, 0644);
        int n = root.write(fd, ByteBuffer.wrap(new byte[100_000]));
        assertThat(n).as("a short write up to the limit").isEqualTo((int) BYTES);
        assertErrno(Errno.ENOSPC, () -> root.write(fd, buf("y")));
        assertThat(root.fstat(fd).size()).isEqualTo(BYTES);
    }

    @Test
    void statfsShowsTheLimits() throws Exception {
        mountLimited();
        StatFs s = root.statfs("/l");
        assertThat(s.blockSize()).isEqualTo(4096);
        assertThat(s.blocks()).isEqualTo(BYTES / 4096);
        assertThat(s.blocksFree()).isEqualTo(BYTES / 4096);
        assertThat(s.files()).isEqualTo(INODES);
        assertThat(s.filesFree()).as("the root uses one inode").isEqualTo(INODES - 1);
    }

    @Test
    void theInodeLimitCountsTheRootAndAppliesToEveryKindOfNode() throws Exception {
        mountLimited();
        for (int i = 0; i < INODES - 1; i++) {
            root.close(root.open("/l/f" + i, O_WRONLY | O_CREAT, 0644));
        }
        assertErrno(Errno.ENOSPC, () -> root.open("/l/one-more", O_WRONLY | O_CREAT, 0644));
        assertErrno(Errno.ENOSPC, () -> root.mkdir("/l/d", 0755));
        if (fixture.features().contains(TckFeature.SYMLINKS)) {
            assertErrno(Errno.ENOSPC, () -> root.symlink("x", "/l/s"));
        }
        assertThat(root.statfs("/l").filesFree()).isZero();
        root.unlink("/l/f0");
        root.mkdir("/l/d", 0755);
    }

    @Test
    void freedSpaceCanBeWrittenAgain() throws Exception {
        mountLimited();
        int fd = root.open("/l/a", O_WRONLY | O_CREAT, 0644);
        root.write(fd, ByteBuffer.wrap(new byte[(int) BYTES]));
        root.close(fd);
        root.unlink("/l/a");
        int again = root.open("/l/b", O_WRONLY | O_CREAT, 0644);
        assertThat(root.write(again, ByteBuffer.wrap(new byte[(int) BYTES]))).isEqualTo((int) BYTES);
    }

    @Test
    void aSparseFileUsesOnlyTheSpaceItsDataNeeds() throws Exception {
        assume(TckFeature.SPARSE);
        mountLimited();
        int fd = root.open("/l/s", O_RDWR | O_CREAT, 0644);
        assertThat(root.pwrite(fd, buf("z"), 1_000_000_000L)).isEqualTo(1);
        assertThat(root.fstat(fd).size()).isEqualTo(1_000_000_001L);
        root.ftruncate(fd, 1_000_000_000_000L);
        assertThat(root.statfs("/l").blocksFree()).isEqualTo(BYTES / 4096 - 1);
    }

    @Test
    void truncatingAFileReturnsItsSpace() throws Exception {
        mountLimited();
        int fd = root.open("/l/t", O_RDWR | O_CREAT, 0644);
        root.write(fd, ByteBuffer.wrap(new byte[(int) BYTES]));
        root.ftruncate(fd, 0);
        assertThat(root.statfs("/l").blocksFree()).isEqualTo(BYTES / 4096);
        assertThat(root.pwrite(fd, ByteBuffer.wrap(new byte[4096]), 0)).isEqualTo(4096);
    }
}
