package dev.cairn.vfs.tck;

import static dev.cairn.vfs.OpenFlags.O_DIRECTORY;
import static dev.cairn.vfs.OpenFlags.O_RDONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Dirent;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.FileType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** getdents: ".", "..", types, cookies (lseek resume) and listings that change underneath. */
public abstract class ReaddirTck extends TckSuite {
    /** More entries than any test directory holds: the listing loops. */
    private static final int MAX_LISTED = 50_000;

    private int openDir(String path) throws Exception {
        return root.open(path, O_RDONLY | O_DIRECTORY, 0);
    }

    private List<Dirent> readAll(int fd, int batch) throws Exception {
        List<Dirent> all = new ArrayList<>();
        while (all.size() < MAX_LISTED) {
            List<Dirent> b = root.getdents(fd, batch);
            if (b.isEmpty()) {
                return all;
            }
            assertThat(b.size()).isLessThanOrEqualTo(batch);
            all.addAll(b);
        }
        throw new AssertionError("getdents returned " + all.size() + " entries without reaching the end");
    }

    private static List<String> names(List<Dirent> ds) {
        return ds.stream().map(Dirent::name).toList();
    }

    @Test
    void dotAndDotDotComeFirstWithTheRightInodes() throws Exception {
        root.mkdir("/d", 0755);
        List<Dirent> ds = readAll(openDir("/d"), 100);
        assertThat(names(ds)).startsWith(".", "..");
        assertThat(ds.get(0).ino()).isEqualTo(root.stat("/d").ino());
        assertThat(ds.get(1).ino()).isEqualTo(root.stat("/").ino());
        assertThat(ds.get(0).type()).isEqualTo(FileType.DIRECTORY);
        List<Dirent> rootList = readAll(openDir("/"), 100);
        assertThat(rootList.get(1).ino()).as("the root's .. is the root").isEqualTo(root.stat("/").ino());
    }

    @Test
    void everyEntryAppearsOnceWithItsTypeAndInode() throws Exception {
        root.mkdir("/d", 0755);
        for (int i = 0; i < 300; i++) {
            put(root, "/d/f" + i, "");
        }
        root.mkdir("/d/sub", 0755);
        List<Dirent> ds = readAll(openDir("/d"), 7);
        assertThat(names(ds)).doesNotHaveDuplicates().hasSize(303);
        for (Dirent d : ds) {
            if (d.name().startsWith("f")) {
                assertThat(d.type()).isEqualTo(FileType.REGULAR);
                assertThat(d.ino()).isEqualTo(root.stat("/d/" + d.name()).ino());
            }
        }
        assertThat(ds.stream().filter(d -> d.name().equals("sub")).findFirst().orElseThrow().type())
                .isEqualTo(FileType.DIRECTORY);
    }

    @Test
    void symlinkAndSpecialEntriesReportTheirTypes() throws Exception {
        assume(TckFeature.SYMLINKS);
        root.symlink("x", "/l");
        Map<String, FileType> types = new HashMap<>();
        for (Dirent d : readAll(openDir("/"), 50)) {
            types.put(d.name(), d.type());
        }
        assertThat(types).containsEntry("l", FileType.SYMLINK);
    }

    @Test
    void fifoAndSocketEntriesReportTheirTypes() throws Exception {
        assume(TckFeature.FIFO);
        root.mknodat(AtFlags.AT_FDCWD, "/p", FileType.FIFO.bits() | 0644, 0, 0);
        root.mknodat(AtFlags.AT_FDCWD, "/s", FileType.SOCKET.bits() | 0644, 0, 0);
        Map<String, FileType> types = new HashMap<>();
        for (Dirent d : readAll(openDir("/"), 50)) {
            types.put(d.name(), d.type());
        }
        assertThat(types).containsEntry("p", FileType.FIFO).containsEntry("s", FileType.SOCKET);
    }

    @Test
    void lseekToACookieResumesRightAfterThatEntry() throws Exception {
        root.mkdir("/d", 0755);
        for (int i = 0; i < 40; i++) {
            put(root, "/d/e" + i, "");
        }
        int fd = openDir("/d");
        List<Dirent> all = readAll(fd, 1000);
        for (int k : new int[] {0, 1, 2, 17, all.size() - 2}) {
            root.lseek(fd, all.get(k).offset(), AtFlags.SEEK_SET);
            List<Dirent> rest = readAll(fd, 1000);
            assertThat(names(rest)).as("after cookie of entry %d", k).isEqualTo(names(all.subList(k + 1, all.size())));
        }
        root.lseek(fd, all.get(all.size() - 1).offset(), AtFlags.SEEK_SET);
        assertThat(root.getdents(fd, 10)).as("after the last cookie").isEmpty();
    }

    @Test
    void lseekZeroRewinds() throws Exception {
        root.mkdir("/d", 0755);
        put(root, "/d/a", "");
        int fd = openDir("/d");
        List<Dirent> first = readAll(fd, 100);
        assertThat(root.getdents(fd, 100)).isEmpty();
        root.lseek(fd, 0, AtFlags.SEEK_SET);
        assertThat(names(readAll(fd, 100))).isEqualTo(names(first));
    }

    @Test
    void entriesPresentThroughoutAreSeenExactlyOnceWhileOthersComeAndGo() throws Exception {
        assume(TckFeature.STABLE_COOKIES);
        root.mkdir("/d", 0755);
        Set<String> stable = new HashSet<>();
        List<String> doomed = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            put(root, "/d/s" + i, "");
            stable.add("s" + i);
            put(root, "/d/t" + i, "");
            doomed.add("t" + i);
        }
        int fd = openDir("/d");
        List<String> seen = new ArrayList<>();
        int round = 0;
        while (true) {
            List<Dirent> b = root.getdents(fd, 9);
            if (b.isEmpty()) {
                break;
            }
            seen.addAll(names(b));
            if (!doomed.isEmpty()) {
                root.unlink("/d/" + doomed.remove(doomed.size() - 1));
                root.unlink("/d/" + doomed.remove(0));
            }
            if (round < 100) {
                put(root, "/d/n" + round, "");
            }
            round++;
            assertThat(round).as("the listing ends").isLessThan(5000);
        }
        for (String s : stable) {
            assertThat(seen.stream().filter(s::equals).count()).as("entry %s", s).isEqualTo(1);
        }
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void anEntryRemovedBeforeItIsReachedIsNotReturned() throws Exception {
        assume(TckFeature.STABLE_COOKIES);
        root.mkdir("/d", 0755);
        for (int i = 0; i < 50; i++) {
            put(root, "/d/e" + i, "");
        }
        int fd = openDir("/d");
        List<String> seen = new ArrayList<>(names(root.getdents(fd, 5)));
        Set<String> removed = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            if (!seen.contains("e" + i)) {
                root.unlink("/d/e" + i);
                removed.add("e" + i);
            }
        }
        seen.addAll(names(readAll(fd, 5)));
        assertThat(seen).doesNotContainAnyElementsOf(removed);
    }

    @Test
    void getdentsOnARegularFileIsNotADirectory() throws Exception {
        put(root, "/f", "x");
        int fd = root.open("/f", O_RDONLY, 0);
        assertErrno(Errno.ENOTDIR, () -> root.getdents(fd, 10));
    }

    @Test
    void aMountPointListsTheMountedRoot() throws Exception {
        root.mkdir("/m", 0755);
        put(root, "/m/hidden", "");
        vfs.mountAt(Credentials.root(), ns, "/m", fixture.rootMount());
        put(root, "/m/shown", "");
        assertThat(root.listDir("/m")).containsExactly("shown");
    }

    @Test
    void listDirMatchesGetdents() throws Exception {
        root.mkdir("/d", 0755);
        for (String n : List.of("b", "a", "c")) {
            put(root, "/d/" + n, "");
        }
        List<String> viaGetdents = names(readAll(openDir("/d"), 100)).stream()
                .filter(n -> !n.equals(".") && !n.equals("..")).toList();
        assertThat(root.listDir("/d")).isEqualTo(viaGetdents);
    }

    @Test
    void getdentsWithRoomForNothingIsInvalid() throws Exception {
        int fd = openDir("/");
        assertErrno(Errno.EINVAL, () -> root.getdents(fd, 0));
    }

    @Test
    void aDirectoryOfFiveThousandEntriesListsCompletely() throws Exception {
        root.mkdir("/big", 0755);
        for (int i = 0; i < 5000; i++) {
            root.close(root.open("/big/entry-" + i, dev.cairn.vfs.OpenFlags.O_WRONLY | dev.cairn.vfs.OpenFlags.O_CREAT,
                    0644));
        }
        assertThat(names(readAll(openDir("/big"), 500))).hasSize(5002).doesNotHaveDuplicates();
        for (int i = 0; i < 5000; i += 2) {
            root.unlink("/big/entry-" + i);
        }
        assertThat(names(readAll(openDir("/big"), 500)).stream().filter(n -> n.startsWith("entry-")))
                .hasSize(2500).allMatch(n -> Integer.parseInt(n.substring(6)) % 2 == 1);
    }
}
