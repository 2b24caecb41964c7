package dev.cairn.fs.gofer.server;

import static dev.cairn.fs.gofer.server.Wire.assertErrno;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.vfs.Errno;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Nothing outside the exported root is ever read or created, whatever the client sends. */
@Timeout(60)
class ContainmentTest {
    @TempDir
    Path tmp;
    Path root;
    Path outside;
    Wire w;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("export"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "SECRET");
        Files.createDirectories(root.resolve("d"));
        Files.writeString(root.resolve("d/f"), "inside");
        Files.createSymbolicLink(root.resolve("abs"), outside);
        Files.createSymbolicLink(root.resolve("rel"), Path.of("../outside"));
        Files.createSymbolicLink(root.resolve("abssecret"), outside.resolve("secret"));
        w = new Wire(root, false);
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    @Test
    void dotDotAtTheRootStaysAtTheRoot() throws Exception {
        long rootIno = w.attr(w.root).qid().path();
        int up = w.walk(w.root, "..", "..", "..");
        assertThat(w.attr(up).qid().path()).isEqualTo(rootIno);
        assertErrno(Errno.ENOENT, () -> w.walk(w.root, "..", "outside", "secret"));
        int back = w.walk(w.root, "d", "..", "d", "f");
        assertThat(w.readAll(back)).isEqualTo("inside");
    }

    @Test
    void absoluteAndRelativeSymlinksAreNeverFollowed() throws Exception {
        for (String link : List.of("abs", "rel")) {
            // the walk stops at the symlink itself: one qid, the symlink's, and no new fid
            Rwalk partial = w.c.call(new Twalk(w.root, 99, List.of(link, "secret")), Rwalk.class, "walk");
            assertThat(partial.qids()).hasSize(1);
            assertThat(partial.qids().get(0).isSymlink()).isTrue();
            assertErrno(Errno.EBADF, () -> w.attr(99));
            assertErrno(Errno.ENOTDIR, () -> w.c.call(new Twalk(w.walk(w.root, link), 98, List.of("secret")),
                    Rwalk.class, "walk"));
            int l = w.walk(w.root, link);
            assertThat(w.attr(l).qid().isSymlink()).isTrue();
            assertErrno(Errno.ELOOP, () -> w.c.call(new Tlopen(l, 0), Rlopen.class, "open"));
            assertErrno(Errno.ENOTDIR, () -> w.c.call(new Tlcreate(l, "planted", 0101, 0644, 0), Rlcreate.class,
                    "create"));
            assertErrno(Errno.ENOTDIR, () -> w.c.call(new Tmkdir(l, "planted", 0755, 0), Rmkdir.class, "mkdir"));
        }
        int s = w.walk(w.root, "abssecret");
        assertErrno(Errno.ELOOP, () -> w.c.call(new Tlopen(s, 0), Rlopen.class, "open"));
        assertThat(w.c.call(new Treadlink(s), Rreadlink.class, "readlink").target())
                .isEqualTo(outside.resolve("secret").toString());
        try (var list = Files.list(outside)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("secret");
        }
    }

    @Test
    void creatingOverASymlinkDoesNotWriteItsTarget() throws Exception {
        int dir = w.walk(w.root);
        assertErrno(Errno.ELOOP, () -> w.c.call(new Tlcreate(dir, "abssecret", 01001, 0644, 0), Rlcreate.class,
                "create"));
        assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("SECRET");
    }

    @Test
    void namesWithSlashOrNulOrDotsAreRefused() throws Exception {
        assertErrno(Errno.EINVAL, () -> w.walk(w.root, "d/f"));
        assertErrno(Errno.EINVAL, () -> w.walk(w.root, "/etc"));
        assertErrno(Errno.EINVAL, () -> w.walk(w.root, ""));
        assertErrno(Errno.EINVAL, () -> w.walk(w.root, "d\0f"));
        assertErrno(Errno.EINVAL, () -> w.c.call(new Tmkdir(w.root, "../evil", 0755, 0), Rmkdir.class, "mkdir"));
        assertErrno(Errno.EINVAL, () -> w.c.call(new Tmkdir(w.root, "..", 0755, 0), Rmkdir.class, "mkdir"));
        assertErrno(Errno.EINVAL, () -> w.c.call(new Tsymlink(w.root, "a/b", "x", 0), Rsymlink.class, "symlink"));
        assertErrno(Errno.EINVAL, () -> w.c.call(new Trenameat(w.root, "d", w.root, "../moved"),
                Rrenameat.class, "rename"));
        assertErrno(Errno.EINVAL, () -> w.c.call(new Tunlinkat(w.root, "../outside/secret", 0), Runlinkat.class,
                "unlink"));
        int dir = w.walk(w.root);
        assertErrno(Errno.EINVAL, () -> w.c.call(new Tlcreate(dir, "../../outside/new", 0101, 0644, 0),
                Rlcreate.class, "create"));
        assertThat(Files.exists(tmp.resolve("evil"))).isFalse();
        assertThat(Files.exists(outside.resolve("new"))).isFalse();
        assertThat(Files.exists(outside.resolve("secret"))).isTrue();
    }

    @Test
    void aSymlinkSwappedInDuringWalksNeverLeadsOutside() throws Exception {
        Path d = root.resolve("d");
        Path parked = root.resolve("parked");
        Path link = root.resolve("swap-link");
        Files.createSymbolicLink(link, outside);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger swaps = new AtomicInteger();
        Thread swapper = new Thread(() -> {
            while (!stop.get()) {
                try {
                    // d is a directory, then a symlink to outside, then a directory again
                    Files.move(d, parked, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    Files.move(link, d, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    Files.move(d, link, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    Files.move(parked, d, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    swaps.incrementAndGet();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        swapper.start();
        int reads = 0;
        int refused = 0;
        try {
            for (int i = 0; i < 2000; i++) {
                try {
                    int f = w.walk(w.root, i % 2 == 0 ? "d" : "d", i % 3 == 0 ? "secret" : "f");
                    String text = w.readAll(f);
                    assertThat(text).isNotEqualTo("SECRET").isEqualTo("inside");
                    w.clunk(f);
                    reads++;
                } catch (dev.cairn.vfs.ErrnoException e) {
                    assertThat(e.errno()).isIn(Errno.ENOENT, Errno.ENOTDIR);
                    refused++;
                }
                try {
                    int dir = w.walk(w.root, "d");
                    w.c.call(new Tmkdir(dir, "m" + i, 0755, 0), Rmkdir.class, "mkdir");
                    w.clunk(dir);
                } catch (dev.cairn.vfs.ErrnoException e) {
                    assertThat(e.errno()).isIn(Errno.ENOENT, Errno.ENOTDIR);
                }
            }
        } finally {
            stop.set(true);
            swapper.join(10_000);
        }
        assertThat(swaps.get()).isPositive();
        assertThat(reads + refused).isEqualTo(2000);
        try (var list = Files.list(outside)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("secret");
        }
    }
}
