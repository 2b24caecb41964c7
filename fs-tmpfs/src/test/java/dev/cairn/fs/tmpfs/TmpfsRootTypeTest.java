package dev.cairn.fs.tmpfs;

import static dev.cairn.fs.tmpfs.TmpfsFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.Mount;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TmpfsRootTypeTest {

    @Test
    void regularFileRootHoldsData() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Mount m = f.vfs.mountDisconnected(Credentials.root(), MountRequest.internal("none", "tmpfs", 0, "mode=0644")
                .withInternalData(TmpfsFilesystemType.ROOT_TYPE, FileType.REGULAR));
        Stat st = m.root().stat();
        assertThat(st.isRegular()).isTrue();
        assertThat(st.permissions()).isEqualTo(0644);
        OpenFile of = m.root().open(dev.cairn.vfs.OpenFlags.O_RDWR, Credentials.root());
        of.write(ByteBuffer.wrap("root data".getBytes()), 0);
        ByteBuffer back = ByteBuffer.allocate(9);
        of.read(back, 0);
        of.close();
        assertThat(new String(back.array())).isEqualTo("root data");
        assertThat(m.root().stat().size()).isEqualTo(9);
        assertThat(m.filesystem().superOptions()).isEqualTo("mode=644");
    }

    @Test
    void regularFileRootCanBeMountedOverAFile() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        f.root.writeFile("/etc-hosts", "old".getBytes());
        Mount m = f.vfs.mountDisconnected(Credentials.root(), MountRequest.internal("none", "tmpfs", 0, "")
                .withInternalData(TmpfsFilesystemType.ROOT_TYPE, FileType.REGULAR));
        f.vfs.connectMountAt(Credentials.root(), m, f.ns, "/etc-hosts");
        f.root.writeFile("/etc-hosts", "new".getBytes());
        assertThat(new String(f.root.readFile("/etc-hosts"))).isEqualTo("new");
        assertThat(m.root().stat().size()).isEqualTo(3);
    }

    @Test
    void symlinkRootPointsAtItsTarget() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Mount m = f.vfs.mountDisconnected(Credentials.root(), MountRequest.internal("none", "tmpfs", 0, "")
                .withInternalData(TmpfsFilesystemType.ROOT_TYPE, FileType.SYMLINK)
                .withInternalData(TmpfsFilesystemType.SYMLINK_TARGET, "/somewhere"));
        assertThat(m.root().readlink()).isEqualTo("/somewhere");
        assertThat(m.root().stat().isSymlink()).isTrue();
    }

    @Test
    void symlinkRootWithoutTargetAndOtherRootTypesAreEinval() {
        TmpfsFixture f = failFreeFixture();
        assertThat(failure(() -> f.vfs.mountDisconnected(Credentials.root(),
                MountRequest.internal("none", "tmpfs", 0, "")
                        .withInternalData(TmpfsFilesystemType.ROOT_TYPE, FileType.SYMLINK))).errno())
                .isEqualTo(Errno.EINVAL);
        assertThat(failure(() -> f.vfs.mountDisconnected(Credentials.root(),
                MountRequest.internal("none", "tmpfs", 0, "")
                        .withInternalData(TmpfsFilesystemType.ROOT_TYPE, FileType.FIFO))).getMessage())
                .contains("FIFO");
        assertThat(failure(() -> f.vfs.mountDisconnected(Credentials.root(),
                MountRequest.internal("none", "tmpfs", 0, "")
                        .withInternalData(TmpfsFilesystemType.ROOT_TYPE, "directory"))).getMessage())
                .contains(TmpfsFilesystemType.ROOT_TYPE);
    }

    private static TmpfsFixture failFreeFixture() {
        try {
            return TmpfsFixture.mount("");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
