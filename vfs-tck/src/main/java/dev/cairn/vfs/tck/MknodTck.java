package dev.cairn.vfs.tck;

import static dev.cairn.vfs.OpenFlags.O_RDONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Capability;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.MountFlags;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.Task;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** mknod(2): the oracle rows plus CAP_MKNOD for a user and nodev mounts. */
public abstract class MknodTck extends TckSuite {
    @TestFactory
    Stream<DynamicTest> mknodAsOnLinux() {
        return oracleRows("mknod");
    }

    @Test
    void aUserWithCapMknodMayMakeDevices() throws Exception {
        assume(TckFeature.MKNOD);
        String w = scratch();
        Task t = task(Credentials.user(1000, 1000).with(Capability.CAP_MKNOD));
        t.mknodat(AtFlags.AT_FDCWD, w + "/c", FileType.CHAR_DEVICE.bits() | 0600, 1, 3);
        assertThat(root.stat(w + "/c").uid()).isEqualTo(1000);
    }

    @Test
    void aNodevMountRefusesToOpenDevices() throws Exception {
        assume(TckFeature.MKNOD);
        root.mkdir("/m", 0755);
        MountRequest base = fixture.rootMount();
        vfs.mountAt(Credentials.root(), ns, "/m", new MountRequest(base.source(), base.type(),
                base.flags() | MountFlags.MS_NODEV, base.data(), base.internalData(), base.internal()));
        root.mknodat(AtFlags.AT_FDCWD, "/m/c", FileType.CHAR_DEVICE.bits() | 0666, 1, 3);
        assertErrno(Errno.EACCES, () -> root.open("/m/c", O_RDONLY, 0));
    }
}
