package dev.cairn.fs.devtmpfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.NodeAttrs;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The space and inode budget, on an instance small enough to fill (the budget of a mounted
 * devtmpfs is a quarter of the heap, too large to exhaust in a test).
 */
class DevFilesystemBudgetTest {
    private static final int PAGE = DevFilesystem.PAGE_SIZE;

    private static Errno errnoOf(Throwable e) {
        return ((ErrnoException) e).errno();
    }

    @Test
    void writesStopAtTheBudgetWithAShortWriteThenEnospc() throws Exception {
        DevFilesystem fs = new DevFilesystem(8L * PAGE);
        DevRegularFile f = (DevRegularFile) fs.root().create("f", new NodeAttrs(0100644, 0, 0));
        OpenFile h = f.open(2, Credentials.root());

        int n = h.write(ByteBuffer.allocate(20 * PAGE), 0);
        assertThat(n).isEqualTo(8 * PAGE);
        assertThat(fs.statfs().blocksFree()).isZero();
        assertThatThrownBy(() -> h.write(ByteBuffer.allocate(1), 8L * PAGE))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOSPC));
        // Overwriting allocated pages needs no new space.
        assertThat(h.write(ByteBuffer.allocate(PAGE), 0)).isEqualTo(PAGE);
    }

    @Test
    void spaceComesBackWhenTheLastNameAndTheLastOpenFileAreGone() throws Exception {
        DevFilesystem fs = new DevFilesystem(8L * PAGE);
        DevRegularFile f = (DevRegularFile) fs.root().create("f", new NodeAttrs(0100644, 0, 0));
        OpenFile h = f.open(2, Credentials.root());
        h.write(ByteBuffer.allocate(4 * PAGE), 0);

        fs.root().unlink("f", f);
        assertThat(fs.statfs().blocksFree()).isEqualTo(4);
        h.close();

        assertThat(fs.statfs().blocksFree()).isEqualTo(8);
    }

    @Test
    void truncateAndPunchReturnPagesAndFallocateReservesAllOrNothing() throws Exception {
        DevFilesystem fs = new DevFilesystem(8L * PAGE);
        DevRegularFile f = (DevRegularFile) fs.root().create("f", new NodeAttrs(0100644, 0, 0));
        OpenFile h = f.open(2, Credentials.root());

        h.allocate(0, 0, 6L * PAGE);
        assertThat(f.stat().size()).isEqualTo(6L * PAGE);
        assertThat(fs.statfs().blocksFree()).isEqualTo(2);
        assertThatThrownBy(() -> h.allocate(DevRegularFile.FALLOC_FL_KEEP_SIZE, 6L * PAGE, 3L * PAGE))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOSPC));
        assertThat(fs.statfs().blocksFree()).isEqualTo(2);

        h.allocate(DevRegularFile.FALLOC_FL_PUNCH_HOLE | DevRegularFile.FALLOC_FL_KEEP_SIZE, PAGE, 2L * PAGE);
        assertThat(fs.statfs().blocksFree()).isEqualTo(4);
        f.setStat(dev.cairn.vfs.SetStat.size(PAGE / 2));
        assertThat(fs.statfs().blocksFree()).isEqualTo(7);
        assertThatThrownBy(() -> h.allocate(8, 0, 1))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EOPNOTSUPP));
    }

    @Test
    void aRemovedDirectoryTakesNoNewEntries() throws Exception {
        DevFilesystem fs = new DevFilesystem(16L * PAGE);
        DevDirectory dir = (DevDirectory) fs.root().mkdir("d", new NodeAttrs(040755, 0, 0));
        fs.root().rmdir("d", dir);
        long freeInodes = fs.statfs().filesFree();

        assertThatThrownBy(() -> dir.create("late", new NodeAttrs(0100644, 0, 0)))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOENT));
        assertThatThrownBy(() -> dir.mkdirManaged("net"))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOENT));
        assertThat(fs.statfs().filesFree()).isEqualTo(freeInodes);
    }

    @Test
    void inodesRunOutWithEnospcAndComeBackOnUnlink() throws Exception {
        DevFilesystem fs = new DevFilesystem(4L * PAGE);
        NodeAttrs attrs = new NodeAttrs(0100644, 0, 0);
        // the root takes one of the four inodes
        fs.root().create("a", attrs);
        fs.root().create("b", attrs);
        DevNode c = (DevNode) fs.root().create("c", attrs);

        assertThatThrownBy(() -> fs.root().mkdir("d", new NodeAttrs(040755, 0, 0)))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOSPC));
        fs.root().unlink("c", c);
        fs.root().mkdir("d", new NodeAttrs(040755, 0, 0));
        assertThat(fs.statfs().filesFree()).isZero();
    }
}
