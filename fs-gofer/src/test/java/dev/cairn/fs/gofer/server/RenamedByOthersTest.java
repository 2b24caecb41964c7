package dev.cairn.fs.gofer.server;

import static dev.cairn.fs.gofer.server.Wire.assertErrno;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.vfs.Errno;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fids stay right when the host or another 9P client renames a directory above them: ".."
 * and the requests that need the parent (Tremove, Trename, times of a symlink) act on where
 * the file is now, and a directory moved out of the export by the host never leads outside.
 */
@Timeout(60)
class RenamedByOthersTest {
    @TempDir
    Path tmp;
    Path root;
    Wire w;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("export"));
        Files.createDirectories(root.resolve("a/b"));
        w = new Wire(root, false);
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    private static long ino(Path p) throws Exception {
        return (Long) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    private long qidPath(int fid) throws Exception {
        return w.attr(fid).qid().path();
    }

    @Test
    void dotDotFromAFidReachesItsNewParentAfterTheHostRenamedIt() throws Exception {
        int b = w.walk(w.root, "a", "b");
        Files.move(root.resolve("a"), root.resolve("c"));
        Files.createDirectories(root.resolve("a/b")); // a decoy at the old path
        assertThat(qidPath(b)).isEqualTo(ino(root.resolve("c/b")));
        assertThat(qidPath(w.walk(b, ".."))).isEqualTo(ino(root.resolve("c")));
        assertThat(qidPath(w.walk(b, "..", ".."))).isEqualTo(ino(root));
        assertThat(qidPath(w.walk(b, "..", "..", "a"))).isEqualTo(ino(root.resolve("a")));
        int dir = w.walk(b);
        w.c.call(new Tlcreate(dir, "new", 01, 0644, 0), Rlcreate.class, "create");
        assertThat(Files.exists(root.resolve("c/b/new"))).isTrue();
        assertThat(Files.exists(root.resolve("a/b/new"))).isFalse();
    }

    @Test
    void dotDotFollowsARenameByAnotherClientAndARenamedExportRoot() throws Exception {
        int b = w.walk(w.root, "a", "b");
        try (Wire other = new Wire(root, false)) {
            other.c.call(new Trenameat(other.root, "a", other.root, "c"), Rrenameat.class, "rename");
        }
        assertThat(qidPath(w.walk(b, ".."))).isEqualTo(ino(root.resolve("c")));
        Path moved = Files.move(root, tmp.resolve("export-renamed"));
        Files.move(moved.resolve("c"), moved.resolve("d"));
        assertThat(qidPath(w.walk(b, ".."))).isEqualTo(ino(moved.resolve("d")));
        assertThat(qidPath(w.walk(b, "..", ".."))).isEqualTo(ino(moved));
    }

    @Test
    void removeRenameAndSymlinkTimesActWhereTheFileIsNow() throws Exception {
        Files.writeString(root.resolve("a/f"), "f");
        Files.writeString(root.resolve("a/g"), "g");
        Files.createSymbolicLink(root.resolve("a/l"), Path.of("f"));
        int f = w.walk(w.root, "a", "f");
        int g = w.walk(w.root, "a", "g");
        int l = w.walk(w.root, "a", "l");
        Files.move(root.resolve("a"), root.resolve("c"));
        Files.createDirectories(root.resolve("a"));
        Files.writeString(root.resolve("a/f"), "decoy");
        Files.writeString(root.resolve("a/g"), "decoy");
        w.c.call(new Tremove(f), Rremove.class, "remove");
        assertThat(Files.exists(root.resolve("c/f"))).isFalse();
        assertThat(Files.readString(root.resolve("a/f"))).isEqualTo("decoy");
        w.c.call(new Trename(g, w.root, "g-moved"), Rrename.class, "rename");
        assertThat(Files.readString(root.resolve("g-moved"))).isEqualTo("g");
        assertThat(Files.readString(root.resolve("a/g"))).isEqualTo("decoy");
        w.c.call(new Tsetattr(l, Tsetattr.MTIME | Tsetattr.MTIME_SET, 0, 0, 0, 0, 0, 0, 1_000_000, 0),
                Rsetattr.class, "setattr");
        assertThat(Files.getLastModifiedTime(root.resolve("c/l"), LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(FileTime.fromMillis(1_000_000_000L));
        assertThat(Files.readSymbolicLink(root.resolve("c/l"))).isEqualTo(Path.of("f"));
    }

    @Test
    void aDirectoryMovedOutOfTheExportDoesNotLeadOutside() throws Exception {
        Files.writeString(root.resolve("a/b/inside"), "x");
        int a = w.walk(w.root, "a");
        int b = w.walk(w.root, "a", "b");
        Path out = tmp.resolve("out");
        Files.move(root.resolve("a"), out);
        Files.writeString(tmp.resolve("secret"), "SECRET");
        Files.createDirectories(root.resolve("a/b")); // a decoy at the old path, inside
        // ".." from a directory now outside: not its real parent (outside), not the decoy
        assertErrno(Errno.ENOENT, () -> w.walk(a, ".."));
        assertErrno(Errno.ENOENT, () -> w.walk(a, "..", "secret"));
        assertErrno(Errno.ENOENT, () -> w.walk(b, ".."));
        assertErrno(Errno.ENOENT, () -> w.walk(b, "..", ".."));
        assertErrno(Errno.ENOENT, () -> w.c.call(new Tremove(w.walk(b)), Rremove.class, "remove"));
        assertErrno(Errno.ENOENT, () -> w.c.call(new Trename(w.walk(a), w.root, "back"), Rrename.class,
                "rename"));
        assertThat(Files.isDirectory(out.resolve("b"))).isTrue();
        assertThat(Files.exists(root.resolve("back"))).isFalse();
        try (var list = Files.list(tmp)) {
            assertThat(list.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("export", "out", "secret");
        }
        // the fid keeps naming the directory it named, as an open fd would
        assertThat(qidPath(b)).isEqualTo(ino(out.resolve("b")));
        // once the host moves it back in, ".." works again, from where it is now
        Files.move(out, root.resolve("back-in"));
        assertThat(qidPath(w.walk(b, ".."))).isEqualTo(ino(root.resolve("back-in")));
        assertThat(List.of(qidPath(w.walk(a, "..")))).containsExactly(ino(root));
    }
}
