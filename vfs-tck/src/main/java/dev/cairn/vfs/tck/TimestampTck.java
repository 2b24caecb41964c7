package dev.cairn.vfs.tck;

import static dev.cairn.vfs.OpenFlags.O_CREAT;
import static dev.cairn.vfs.OpenFlags.O_RDONLY;
import static dev.cairn.vfs.OpenFlags.O_WRONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.MountFlags;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.Task;
import org.junit.jupiter.api.Test;

/**
 * Which operations change atime, mtime and ctime (Linux rules). Reads are checked the way both
 * strict atime and relatime agree: a read after the atime was set far into the past updates it.
 */
public abstract class TimestampTck extends TckSuite {
    /** One second after the epoch: older than any relatime window. */
    private static final long PAST = 1_000_000_000L;

    /** Lets the clock move on so that a later time is strictly greater (coarse clocks too). */
    static void tick() throws InterruptedException {
        Thread.sleep(15);
    }

    private Stat st(String path) throws Exception {
        return root.lstat(path);
    }

    @Test
    void aNewFileHasEqualTimesAndChangesItsParent() throws Exception {
        root.mkdir("/d", 0755);
        Stat before = st("/d");
        tick();
        put(root, "/d/f", "");
        Stat f = st("/d/f");
        assertThat(f.atimeNanos()).isEqualTo(f.mtimeNanos());
        assertThat(f.mtimeNanos()).isEqualTo(f.ctimeNanos());
        assertThat(f.mtimeNanos()).isGreaterThan(before.mtimeNanos());
        assertThat(st("/d").mtimeNanos()).isGreaterThan(before.mtimeNanos());
        assertThat(st("/d").ctimeNanos()).isGreaterThan(before.ctimeNanos());
    }

    @Test
    void aWriteChangesMtimeAndCtimeButNotAtime() throws Exception {
        put(root, "/f", "x");
        root.utimensat(-100, "/f", PAST, PAST, 0);
        Stat before = st("/f");
        tick();
        int fd = root.open("/f", O_WRONLY, 0);
        root.write(fd, buf("y"));
        Stat after = st("/f");
        assertThat(after.mtimeNanos()).isGreaterThan(before.mtimeNanos());
        assertThat(after.ctimeNanos()).isGreaterThan(before.ctimeNanos());
        assertThat(after.atimeNanos()).isEqualTo(PAST);
    }

    @Test
    void aReadUpdatesAnOldAtimeOnly() throws Exception {
        put(root, "/f", "x");
        root.utimensat(-100, "/f", PAST, PAST, 0);
        Stat before = st("/f");
        tick();
        cat(root, "/f");
        Stat after = st("/f");
        assertThat(after.atimeNanos()).isGreaterThan(PAST);
        assertThat(after.mtimeNanos()).isEqualTo(PAST);
        assertThat(after.ctimeNanos()).isEqualTo(before.ctimeNanos());
    }

    @Test
    void aNoatimeMountNeverUpdatesAtime() throws Exception {
        root.mkdir("/m", 0755);
        MountRequest base = fixture.rootMount();
        MountRequest noatime = new MountRequest(base.source(), base.type(), base.flags() | MountFlags.MS_NOATIME,
                base.data(), base.internalData(), base.internal());
        vfs.mountAt(Credentials.root(), ns, "/m", noatime);
        put(root, "/m/f", "x");
        root.utimensat(-100, "/m/f", PAST, PAST, 0);
        tick();
        cat(root, "/m/f");
        assertThat(st("/m/f").atimeNanos()).isEqualTo(PAST);
    }

    @Test
    void truncateChangesMtimeAndCtime() throws Exception {
        put(root, "/f", "abc");
        Stat before = st("/f");
        tick();
        root.truncate("/f", 1);
        assertThat(st("/f").mtimeNanos()).isGreaterThan(before.mtimeNanos());
        assertThat(st("/f").ctimeNanos()).isGreaterThan(before.ctimeNanos());
    }

    @Test
    void chmodAndChownChangeOnlyCtime() throws Exception {
        put(root, "/f", "x");
        Stat before = st("/f");
        tick();
        root.chmod("/f", 0600);
        Stat mid = st("/f");
        assertThat(mid.ctimeNanos()).isGreaterThan(before.ctimeNanos());
        assertThat(mid.mtimeNanos()).isEqualTo(before.mtimeNanos());
        tick();
        root.chown("/f", 7, 7);
        assertThat(st("/f").ctimeNanos()).isGreaterThan(mid.ctimeNanos());
        assertThat(st("/f").mtimeNanos()).isEqualTo(before.mtimeNanos());
    }

    @Test
    void unlinkChangesTheParentAndTheCtimeOfARemainingLink() throws Exception {
        assume(TckFeature.HARD_LINKS);
        put(root, "/f", "x");
        root.link("/f", "/g");
        Stat dir = st("/");
        Stat file = st("/f");
        tick();
        root.unlink("/g");
        assertThat(st("/").mtimeNanos()).isGreaterThan(dir.mtimeNanos());
        assertThat(st("/f").ctimeNanos()).isGreaterThan(file.ctimeNanos());
        assertThat(st("/f").mtimeNanos()).isEqualTo(file.mtimeNanos());
    }

    @Test
    void mkdirAndRmdirChangeTheParent() throws Exception {
        Stat before = st("/");
        tick();
        root.mkdir("/d", 0755);
        Stat mid = st("/");
        assertThat(mid.mtimeNanos()).isGreaterThan(before.mtimeNanos());
        tick();
        root.rmdir("/d");
        assertThat(st("/").mtimeNanos()).isGreaterThan(mid.mtimeNanos());
    }

    @Test
    void readingADirectoryListingDoesNotChangeItsMtime() throws Exception {
        root.mkdir("/d", 0755);
        Stat before = st("/d");
        tick();
        root.listDir("/d");
        assertThat(st("/d").mtimeNanos()).isEqualTo(before.mtimeNanos());
    }

    @Test
    void utimensatSetsExactTimesAndUpdatesCtime() throws Exception {
        assume(TckFeature.TIMES_PRECISE);
        put(root, "/f", "x");
        Stat before = st("/f");
        tick();
        root.utimensat(-100, "/f", 1_234_567_891L, 9_876_543_219L, 0);
        Stat after = st("/f");
        assertThat(after.atimeNanos()).isEqualTo(1_234_567_891L);
        assertThat(after.mtimeNanos()).isEqualTo(9_876_543_219L);
        assertThat(after.ctimeNanos()).isGreaterThan(before.ctimeNanos());
    }

    @Test
    void utimeOmitLeavesATimeAlone() throws Exception {
        put(root, "/f", "x");
        root.utimensat(-100, "/f", PAST, PAST, 0);
        root.utimensat(-100, "/f", Task.UTIME_OMIT, 5 * PAST, 0);
        assertThat(st("/f").atimeNanos()).isEqualTo(PAST);
        assertThat(st("/f").mtimeNanos()).isEqualTo(5 * PAST);
        root.utimensat(-100, "/f", Task.UTIME_NOW, Task.UTIME_OMIT, 0);
        assertThat(st("/f").atimeNanos()).isGreaterThan(PAST);
        assertThat(st("/f").mtimeNanos()).isEqualTo(5 * PAST);
    }

    @Test
    void aSymlinkCanHaveItsOwnTimes() throws Exception {
        assume(TckFeature.SYMLINKS);
        put(root, "/f", "x");
        root.symlink("/f", "/l");
        root.utimensat(-100, "/l", PAST, 2 * PAST, dev.cairn.vfs.AtFlags.AT_SYMLINK_NOFOLLOW);
        assertThat(st("/l").mtimeNanos()).isEqualTo(2 * PAST);
        assertThat(root.stat("/f").mtimeNanos()).isNotEqualTo(2 * PAST);
    }

    @Test
    void openWithoutWritingChangesNothing() throws Exception {
        put(root, "/f", "x");
        root.utimensat(-100, "/f", PAST, PAST, 0);
        Stat before = st("/f");
        tick();
        root.close(root.open("/f", O_RDONLY, 0));
        root.close(root.open("/f", O_WRONLY | O_CREAT, 0644));
        Stat after = st("/f");
        assertThat(after.mtimeNanos()).isEqualTo(before.mtimeNanos());
        assertThat(after.ctimeNanos()).isEqualTo(before.ctimeNanos());
    }

    @Test
    void oTruncOfAnEmptyFileStillUpdatesMtimeAndCtime() throws Exception {
        put(root, "/f", "");
        root.utimensat(-100, "/f", PAST, PAST, 0);
        Stat before = st("/f");
        tick();
        root.close(root.open("/f", O_WRONLY | dev.cairn.vfs.OpenFlags.O_TRUNC, 0));
        assertThat(st("/f").mtimeNanos()).as("POSIX: O_TRUNC of an existing file marks mtime").isGreaterThan(PAST);
        assertThat(st("/f").ctimeNanos()).isGreaterThan(before.ctimeNanos());
    }

    @Test
    void aSecondReadWithinTheRelatimeWindowKeepsAtime() throws Exception {
        put(root, "/f", "x");
        tick();
        cat(root, "/f");
        long first = st("/f").atimeNanos();
        assertThat(first).as("atime after the first read").isGreaterThan(st("/f").mtimeNanos());
        tick();
        cat(root, "/f");
        assertThat(st("/f").atimeNanos()).as("relatime: atime newer than mtime is kept").isEqualTo(first);
    }

    @Test
    void listingADirectoryUpdatesAnOldAtime() throws Exception {
        root.mkdir("/d", 0755);
        root.utimensat(-100, "/d", PAST, PAST, 0);
        tick();
        root.listDir("/d");
        assertThat(st("/d").atimeNanos()).isGreaterThan(PAST);
        assertThat(st("/d").mtimeNanos()).isEqualTo(PAST);
    }
}
