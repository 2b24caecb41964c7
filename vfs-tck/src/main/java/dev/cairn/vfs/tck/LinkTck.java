package dev.cairn.vfs.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Hard links, link counts and symlinks: the oracle rows plus links across mounts. */
public abstract class LinkTck extends TckSuite {
    @TestFactory
    Stream<DynamicTest> linksAsOnLinux() {
        return oracleRows("links");
    }

    @Test
    void aHardLinkAcrossMountsIsRefused() throws Exception {
        assume(TckFeature.HARD_LINKS);
        root.mkdir("/m", 0755);
        vfs.mountAt(Credentials.root(), ns, "/m", fixture.rootMount());
        put(root, "/f", "x");
        assertErrno(Errno.EXDEV, () -> root.link("/f", "/m/f"));
    }

    @Test
    void aFileWithManyLinksCountsThemAll() throws Exception {
        assume(TckFeature.HARD_LINKS);
        put(root, "/f", "x");
        for (int i = 0; i < 50; i++) {
            root.link("/f", "/l" + i);
        }
        assertThat(root.stat("/f").nlink()).isEqualTo(51);
        for (int i = 0; i < 50; i++) {
            root.unlink("/l" + i);
        }
        assertThat(root.stat("/f").nlink()).isEqualTo(1);
    }

    @Test
    void aHardLinkChangesTheCtimeButNotTheMtime() throws Exception {
        assume(TckFeature.HARD_LINKS);
        put(root, "/f", "x");
        long mtime = root.stat("/f").mtimeNanos();
        long ctime = root.stat("/f").ctimeNanos();
        TimestampTck.tick();
        root.link("/f", "/g");
        assertThat(root.stat("/f").mtimeNanos()).isEqualTo(mtime);
        assertThat(root.stat("/f").ctimeNanos()).isGreaterThan(ctime);
    }

    @Test
    void symlinkTargetsAreStoredAsBytesNotResolved() throws Exception {
        assume(TckFeature.SYMLINKS);
        root.symlink("a b/ü/../../c", "/l");
        assertThat(root.readlink("/l")).isEqualTo("a b/ü/../../c");
        assertThat(root.lstat("/l").size()).isEqualTo("a b/ü/../../c".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void chmodOfASymlinkItselfIsNotSupported() throws Exception {
        assume(TckFeature.SYMLINKS);
        put(root, "/f", "x");
        root.symlink("/f", "/l");
        assertErrno(Errno.EOPNOTSUPP, () -> root.fchmodat(-100, "/l", 0600, dev.cairn.vfs.AtFlags.AT_SYMLINK_NOFOLLOW));
        assertThat(root.stat("/f").permissions()).isEqualTo(0644);
    }
}
