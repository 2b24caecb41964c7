package dev.cairn.fs.tmpfs;

import static dev.cairn.fs.tmpfs.TmpfsFixture.errno;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Dirent;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TmpfsDirectoryTest {

    @Test
    void linkCountsFollowSubdirectoriesAndHardLinks() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        assertThat(t.stat("/").nlink()).isEqualTo(2);
        t.mkdir("/d", 0755);
        t.mkdir("/d/e", 0755);
        assertThat(t.stat("/").nlink()).isEqualTo(3);
        assertThat(t.stat("/d").nlink()).isEqualTo(3);
        t.writeFile("/d/f", new byte[0]);
        t.link("/d/f", "/g");
        assertThat(t.stat("/g").nlink()).isEqualTo(2);
        assertThat(t.stat("/g").ino()).isEqualTo(t.stat("/d/f").ino());
        t.unlink("/d/f");
        assertThat(t.stat("/g").nlink()).isEqualTo(1);
        t.rmdir("/d/e");
        assertThat(t.stat("/d").nlink()).isEqualTo(2);
    }

    @Test
    void directorySizeCountsTwentyBytesPerEntryLikeLinux() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        assertThat(t.stat("/").size()).isEqualTo(40);
        t.mkdir("/a", 0755);
        t.writeFile("/b", new byte[0]);
        assertThat(t.stat("/").size()).isEqualTo(80);
        assertThat(t.stat("/a").size()).isEqualTo(40);
    }

    @Test
    void rmdirOfNonEmptyDirectoryIsEnotempty() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.mkdir("/d", 0755);
        t.writeFile("/d/x", new byte[0]);
        assertThat(errno(() -> t.rmdir("/d"))).isEqualTo(Errno.ENOTEMPTY);
        assertThat(errno(() -> t.unlink("/d"))).isIn(Errno.EISDIR, Errno.EPERM);
        t.unlink("/d/x");
        t.rmdir("/d");
        assertThat(errno(() -> t.stat("/d"))).isEqualTo(Errno.ENOENT);
    }

    @Test
    void creatingInARemovedWorkingDirectoryIsEnoent() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.mkdir("/gone", 0755);
        t.chdir("/gone");
        t.rmdir("/gone");
        assertThat(errno(() -> t.open("x", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644))).isEqualTo(Errno.ENOENT);
        assertThat(errno(() -> t.mkdir("y", 0755))).isEqualTo(Errno.ENOENT);
        assertThat(errno(() -> t.listDir("."))).as("listing a removed directory").isEqualTo(Errno.ENOENT);
    }

    @Test
    void renameMovesReplacesAndAdjustsLinkCounts() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.mkdir("/a", 0755);
        t.mkdir("/b", 0755);
        t.mkdir("/a/sub", 0755);
        t.rename("/a/sub", "/b/sub");
        assertThat(t.stat("/a").nlink()).isEqualTo(2);
        assertThat(t.stat("/b").nlink()).isEqualTo(3);
        t.mkdir("/b/empty", 0755);
        t.rename("/b/sub", "/b/empty");
        assertThat(t.stat("/b").nlink()).isEqualTo(3);
        assertThat(t.listDir("/b")).containsExactly("empty");
        t.writeFile("/a/f1", "one".getBytes());
        t.writeFile("/a/f2", "two".getBytes());
        t.rename("/a/f1", "/a/f2");
        assertThat(t.listDir("/a")).containsExactly("f2");
        assertThat(new String(t.readFile("/a/f2"))).isEqualTo("one");
    }

    @Test
    void renameOverANonEmptyDirectoryIsRefused() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.mkdir("/x", 0755);
        t.mkdir("/y", 0755);
        t.writeFile("/y/keep", new byte[0]);
        assertThat(errno(() -> t.rename("/x", "/y"))).isIn(Errno.ENOTEMPTY, Errno.EEXIST);
        assertThat(t.listDir("/y")).containsExactly("keep");
    }

    @Test
    void renameNoreplaceAndExchange() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.writeFile("/p", "P".getBytes());
        t.mkdir("/q", 0755);
        assertThat(errno(() -> t.renameat2(AtFlags.AT_FDCWD, "/p", AtFlags.AT_FDCWD, "/q",
                AtFlags.RENAME_NOREPLACE))).isEqualTo(Errno.EEXIST);
        t.mkdir("/r", 0755);
        t.mkdir("/r/inner", 0755);
        t.renameat2(AtFlags.AT_FDCWD, "/p", AtFlags.AT_FDCWD, "/r/inner", AtFlags.RENAME_EXCHANGE);
        assertThat(t.stat("/p").isDirectory()).isTrue();
        assertThat(new String(t.readFile("/r/inner"))).isEqualTo("P");
        assertThat(t.stat("/r").nlink()).isEqualTo(2);
        assertThat(t.stat("/").nlink()).isEqualTo(5); // q, r, p are directories
    }

    @Test
    void readdirListsEveryEntryOnceWithStableCookies() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.mkdir("/d", 0755);
        for (int i = 0; i < 300; i++) {
            t.writeFile("/d/f" + i, new byte[0]);
        }
        int fd = t.open("/d", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
        Set<String> seen = new HashSet<>();
        List<Dirent> first = t.getdents(fd, 50);
        first.forEach(d -> seen.add(d.name()));
        // change the directory between batches: remove some unseen and seen entries, add new ones
        for (int i = 0; i < 300; i += 7) {
            t.unlink("/d/f" + i);
        }
        for (int i = 0; i < 50; i++) {
            t.writeFile("/d/new" + i, new byte[0]);
        }
        List<Dirent> rest = new ArrayList<>();
        for (List<Dirent> b = t.getdents(fd, 64); !b.isEmpty(); b = t.getdents(fd, 64)) {
            rest.addAll(b);
        }
        Map<String, Integer> count = new HashMap<>();
        for (Dirent d : first) {
            count.merge(d.name(), 1, Integer::sum);
        }
        for (Dirent d : rest) {
            count.merge(d.name(), 1, Integer::sum);
        }
        assertThat(count.values()).allMatch(c -> c == 1);
        for (int i = 0; i < 300; i++) {
            if (i % 7 != 0) {
                assertThat(count).as("f%d survived the whole listing", i).containsKey("f" + i);
            }
        }
        // resuming at a cookie gives the entries after it
        Dirent mid = rest.get(rest.size() / 2);
        t.lseek(fd, mid.offset(), AtFlags.SEEK_SET);
        List<Dirent> resumed = t.getdents(fd, 1);
        assertThat(resumed).hasSize(1);
        assertThat(resumed.get(0).name()).isEqualTo(rest.get(rest.size() / 2 + 1).name());
        t.close(fd);
    }

    @Test
    void listingWhileAnotherThreadAddsAndRemovesSeesStableEntriesExactlyOnce() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.mkdir("/busy", 0755);
        for (int i = 0; i < 200; i++) {
            t.writeFile("/busy/stable" + i, new byte[0]);
        }
        Task churn = f.vfs.newTask(dev.cairn.vfs.Credentials.root(), f.ns);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CompletableFuture<Void> bg = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; !stop.get() && i < 100_000; i++) {
                    churn.writeFile("/busy/tmp" + (i % 50), new byte[0]);
                    churn.unlink("/busy/tmp" + ((i + 25) % 50));
                }
            } catch (dev.cairn.vfs.ErrnoException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw new IllegalStateException(e);
                }
            }
        });
        try {
            for (int round = 0; round < 20; round++) {
                int fd = t.open("/busy", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
                Map<String, Integer> seen = new HashMap<>();
                for (List<Dirent> b = t.getdents(fd, 16); !b.isEmpty(); b = t.getdents(fd, 16)) {
                    for (Dirent d : b) {
                        seen.merge(d.name(), 1, Integer::sum);
                    }
                }
                t.close(fd);
                for (int i = 0; i < 200; i++) {
                    assertThat(seen.get("stable" + i)).as("stable%d in round %d", i, round).isEqualTo(1);
                }
                assertThat(seen.values()).allMatch(c -> c == 1);
            }
        } finally {
            stop.set(true);
            bg.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void nrInodesLimitCountsRootAndLinks() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("nr_inodes=4");
        Task t = f.root;
        t.writeFile("/a", new byte[0]);
        t.writeFile("/b", new byte[0]);
        t.link("/a", "/c");
        assertThat(errno(() -> t.writeFile("/d", new byte[0]))).isEqualTo(Errno.ENOSPC);
        assertThat(errno(() -> t.mkdir("/e", 0755))).isEqualTo(Errno.ENOSPC);
        assertThat(t.statfs("/").filesFree()).isZero();
        t.unlink("/c");
        assertThat(t.statfs("/").filesFree()).isEqualTo(1);
        t.mkdir("/e", 0755);
        assertThat(t.statfs("/").files()).isEqualTo(4);
    }

    @Test
    void directoryChangesUpdateMtimeAndCtime() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.mkdir("/d", 0755);
        t.utimensat(AtFlags.AT_FDCWD, "/d", 1_000_000_000L, 1_000_000_000L, 0);
        t.writeFile("/d/x", new byte[0]);
        Stat st = t.stat("/d");
        assertThat(st.mtimeNanos()).isGreaterThan(1_000_000_000L);
        t.utimensat(AtFlags.AT_FDCWD, "/d", 1_000_000_000L, 1_000_000_000L, 0);
        t.unlink("/d/x");
        assertThat(t.stat("/d").mtimeNanos()).isGreaterThan(1_000_000_000L);
    }
}
