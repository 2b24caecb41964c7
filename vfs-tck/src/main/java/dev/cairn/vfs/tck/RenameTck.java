package dev.cairn.vfs.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** rename(2)/renameat2(2): the oracle rows plus mounts and many-entry moves. */
public abstract class RenameTck extends TckSuite {
    @TestFactory
    Stream<DynamicTest> renameAsOnLinux() {
        return oracleRows("rename");
    }

    @Test
    void renameAcrossMountsIsRefused() throws Exception {
        root.mkdir("/m", 0755);
        vfs.mountAt(Credentials.root(), ns, "/m", fixture.rootMount());
        put(root, "/f", "x");
        assertErrno(Errno.EXDEV, () -> root.rename("/f", "/m/f"));
    }

    @Test
    void aMountPointCannotBeRenamedOrRemoved() throws Exception {
        root.mkdir("/m", 0755);
        vfs.mountAt(Credentials.root(), ns, "/m", fixture.rootMount());
        assertErrno(Errno.EBUSY, () -> root.rename("/m", "/n"));
        assertErrno(Errno.EBUSY, () -> root.rmdir("/m"));
    }

    @Test
    void aRenamedDirectoryKeepsEveryEntry() throws Exception {
        root.mkdir("/a", 0755);
        for (int i = 0; i < 100; i++) {
            put(root, "/a/f" + i, "v" + i);
        }
        root.mkdir("/b", 0755);
        root.rename("/a", "/b/a");
        assertThat(root.listDir("/b/a")).hasSize(100);
        assertThat(cat(root, "/b/a/f77")).isEqualTo("v77");
    }

    @Test
    void renameKeepsTheInode() throws Exception {
        put(root, "/f", "x");
        long ino = root.stat("/f").ino();
        root.mkdir("/d", 0755);
        root.rename("/f", "/d/g");
        assertThat(root.stat("/d/g").ino()).isEqualTo(ino);
    }

    @Test
    void renameChangesTheCtimeOfTheMovedFileAndTheDirectoriesTimes() throws Exception {
        root.mkdir("/a", 0755);
        root.mkdir("/b", 0755);
        put(root, "/a/f", "x");
        long fileCtime = root.stat("/a/f").ctimeNanos();
        long aMtime = root.stat("/a").mtimeNanos();
        long bMtime = root.stat("/b").mtimeNanos();
        TimestampTck.tick();
        root.rename("/a/f", "/b/f");
        assertThat(root.stat("/b/f").ctimeNanos()).isGreaterThan(fileCtime);
        assertThat(root.stat("/a").mtimeNanos()).isGreaterThan(aMtime);
        assertThat(root.stat("/b").mtimeNanos()).isGreaterThan(bMtime);
    }
}
