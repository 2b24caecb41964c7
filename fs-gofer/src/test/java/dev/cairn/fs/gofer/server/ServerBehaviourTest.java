package dev.cairn.fs.gofer.server;

import static dev.cairn.fs.gofer.server.Wire.assertErrno;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.fs.gofer.p9.Attr;
import dev.cairn.fs.gofer.p9.DirEntry;
import dev.cairn.fs.gofer.p9.Message;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.vfs.Errno;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ServerBehaviourTest {
    @TempDir
    Path tmp;

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void createWriteReadRenameUnlinkRoundTripOnTheHost() throws Exception {
        try (Wire w = new Wire(tmp, false)) {
            int d = w.walk(w.root);
            w.c.call(new Tlcreate(d, "a.txt", 02, 0640, 0), Rlcreate.class, "create");
            assertThat(w.c.call(new Twrite(d, 0, utf8("hello 9p")), Rwrite.class, "write").count()).isEqualTo(8);
            w.clunk(d);
            assertThat(Files.readString(tmp.resolve("a.txt"))).isEqualTo("hello 9p");
            assertThat((Integer) Files.getAttribute(tmp.resolve("a.txt"), "unix:mode") & 0777).isEqualTo(0640);
            w.c.call(new Tmkdir(w.root, "sub", 0755, 0), Rmkdir.class, "mkdir");
            w.c.call(new Trenameat(w.root, "a.txt", w.walk(w.root, "sub"), "b.txt"), Rrenameat.class, "rename");
            assertThat(w.readAll(w.walk(w.root, "sub", "b.txt"))).isEqualTo("hello 9p");
            w.c.call(new Tsymlink(w.root, "ln", "sub/b.txt", 0), Rsymlink.class, "symlink");
            assertThat(Files.readSymbolicLink(tmp.resolve("ln")).toString()).isEqualTo("sub/b.txt");
            w.c.call(new Tlink(w.root, w.walk(w.root, "sub", "b.txt"), "hard"), Rlink.class, "link");
            assertThat(w.attr(w.walk(w.root, "hard")).nlink()).isEqualTo(2);
            int f = w.walk(w.root, "hard");
            w.c.call(new Tsetattr(f, Tsetattr.SIZE | Tsetattr.MODE | Tsetattr.MTIME | Tsetattr.MTIME_SET, 0600, 0, 0,
                    5, 0, 0, 1_000_000, 7), Rsetattr.class, "setattr");
            Attr a = w.attr(f);
            assertThat(a.size()).isEqualTo(5);
            assertThat(a.mode() & 07777).isEqualTo(0600);
            assertThat(a.mtimeSec()).isEqualTo(1_000_000);
            assertThat(a.mtimeNsec()).isEqualTo(7);
            w.c.call(new Tunlinkat(w.root, "hard", 0), Runlinkat.class, "unlink");
            assertErrno(Errno.ENOTEMPTY, () -> w.c.call(new Tunlinkat(w.root, "sub", Tunlinkat.AT_REMOVEDIR),
                    Runlinkat.class, "rmdir"));
            assertThat(Files.exists(tmp.resolve("hard"))).isFalse();
            Rstatfs s = w.c.call(new Tstatfs(w.root), Rstatfs.class, "statfs");
            assertThat(s.namelen()).isEqualTo(255);
        }
    }

    @Test
    void readdirPagesWithCookiesAndListsEveryEntryOnce() throws Exception {
        for (int i = 0; i < 300; i++) {
            Files.writeString(tmp.resolve("entry-with-a-long-name-" + i), "");
        }
        try (Wire w = new Wire(tmp, false)) {
            int d = w.walk(w.root);
            w.c.call(new Tlopen(d, 0), Rlopen.class, "open");
            List<String> names = new ArrayList<>();
            long off = 0;
            int pages = 0;
            while (true) {
                List<DirEntry> es = w.c.call(new Treaddir(d, off, 1000), Rreaddir.class, "readdir").entries();
                if (es.isEmpty()) {
                    break;
                }
                pages++;
                es.forEach(e -> names.add(e.name()));
                off = es.get(es.size() - 1).offset();
            }
            assertThat(pages).isGreaterThan(5);
            assertThat(names).doesNotHaveDuplicates().contains(".", "..").hasSize(302);
            assertErrno(Errno.EINVAL, () -> w.c.call(new Treaddir(d, 0, 10), Rreaddir.class, "readdir"));
        }
    }

    @Test
    void readOnlyExportRefusesEveryMutationWithErofs() throws Exception {
        Files.writeString(tmp.resolve("f"), "data");
        Files.createDirectory(tmp.resolve("d"));
        try (Wire w = new Wire(tmp, true)) {
            int f = w.walk(w.root, "f");
            int r = w.root;
            List<Message> mutations = List.of(
                    new Tlcreate(w.walk(r), "new", 02, 0644, 0), new Tmkdir(r, "nd", 0755, 0),
                    new Tsymlink(r, "sl", "f", 0), new Tmknod(r, "fifo", 010644, 0, 0, 0), new Tlink(r, f, "hl"),
                    new Trenameat(r, "f", r, "g"), new Trename(f, r, "g"), new Tunlinkat(r, "f", 0),
                    new Tunlinkat(r, "d", Tunlinkat.AT_REMOVEDIR),
                    new Tsetattr(f, Tsetattr.MODE, 0777, 0, 0, 0, 0, 0, 0, 0),
                    new Tsetattr(f, Tsetattr.SIZE, 0, 0, 0, 0, 0, 0, 0, 0),
                    new Tsetattr(f, Tsetattr.MTIME, 0, 0, 0, 0, 0, 0, 0, 0),
                    new Tlopen(w.walk(r, "f"), 01), new Tlopen(w.walk(r, "f"), 02), new Tlopen(w.walk(r, "f"), 01000),
                    new Txattrcreate(w.walk(r, "f"), "user.x", 1, 0), new Tremove(w.walk(r, "f")));
            for (Message m : mutations) {
                assertErrno(Errno.EROFS, () -> w.c.call(m, Message.class, m.type().name()));
            }
            assertThat(w.readAll(w.walk(r, "f"))).isEqualTo("data");
        }
        try (var list = Files.list(tmp)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("f", "d");
        }
        assertThat(Files.readString(tmp.resolve("f"))).isEqualTo("data");
    }

    @Test
    void aHeldRequestDoesNotStopOthersOnTheSameConnection() throws Exception {
        Files.writeString(tmp.resolve("slow"), "s");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        Session.Hook hook = m -> {
            if (m instanceof Tgetattr g && g.requestMask() == 12345) {
                held.countDown();
                release.await(20, TimeUnit.SECONDS);
            }
        };
        try (Wire w = new Wire(tmp, false, hook)) {
            CompletableFuture<Message> slow = w.c.submit(new Tgetattr(w.root, 12345));
            assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 20; i++) {
                assertThat(w.attr(w.root).qid().isDirectory()).isTrue();
            }
            assertThat(slow).isNotDone();
            release.countDown();
            assertThat(slow.get(5, TimeUnit.SECONDS)).isInstanceOf(Rgetattr.class);
        }
    }

    @Test
    void flushOfARunningRequestAnswersItFirstThenRflush() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        Session.Hook hook = m -> {
            if (m instanceof Tgetattr g && g.requestMask() == 777) {
                held.countDown();
                release.await(20, TimeUnit.SECONDS);
            }
        };
        try (Wire w = new Wire(tmp, false, hook)) {
            CompletableFuture<Message> slow = w.c.submit(new Tgetattr(w.root, 777));
            assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
            int tag = w.c.tagsInFlight().iterator().next();
            CompletableFuture<Message> flush = w.c.submit(new Tflush(tag));
            Thread.sleep(100);
            assertThat(flush).isNotDone();
            release.countDown();
            assertThat(flush.get(5, TimeUnit.SECONDS)).isInstanceOf(Rflush.class);
            assertThat(slow).isDone();
            assertThat(w.c.call(new Tflush(4242), Rflush.class, "flush of an unknown tag")).isNotNull();
        }
    }

    @Test
    void manyRequestsInFlightAreAllAnswered() throws Exception {
        Files.writeString(tmp.resolve("f"), "x".repeat(10_000));
        try (Wire w = new Wire(tmp, false)) {
            int f = w.walk(w.root, "f");
            w.c.call(new Tlopen(f, 0), Rlopen.class, "open");
            List<CompletableFuture<Message>> all = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                all.add(w.c.submit(i % 2 == 0 ? new Tread(f, i, 100) : new Tgetattr(f, Attr.BASIC)));
            }
            for (CompletableFuture<Message> m : all) {
                assertThat(m.get(10, TimeUnit.SECONDS)).isInstanceOfAny(Rread.class, Rgetattr.class);
            }
            assertThat(w.c.tagsInFlight()).isEmpty();
        }
    }

    @Test
    void attachChecksTheNameAndFidsAreReleasedOnClunk() throws Exception {
        try (Wire w = new Wire(tmp, false)) {
            int fid = w.c.newFid();
            w.c.call(new Tattach(fid, Message.NOFID, "u", tmp.toAbsolutePath().toString(), 1000), Rattach.class,
                    "attach by path");
            assertErrno(Errno.ENOENT, () -> w.c.call(new Tattach(w.c.newFid(), Message.NOFID, "u", "/etc", 0),
                    Rattach.class, "attach"));
            assertErrno(Errno.EBADF, () -> w.c.call(new Tattach(fid, Message.NOFID, "u", "", 0), Rattach.class,
                    "attach"));
            int before = w.session.fidCount();
            int x = w.walk(w.root);
            assertThat(w.session.fidCount()).isEqualTo(before + 1);
            w.clunk(x);
            assertThat(w.session.fidCount()).isEqualTo(before);
            assertErrno(Errno.EBADF, () -> w.clunk(x));
            assertErrno(Errno.ENOENT, () -> w.c.call(new Tauth(5, "u", "", 0), Rauth.class, "auth"));
        }
    }

    @Test
    void xattrsAndLocksWork() throws Exception {
        Files.writeString(tmp.resolve("f"), "data");
        try (Wire w = new Wire(tmp, false)) {
            int f = w.walk(w.root, "f");
            w.c.call(new Txattrcreate(f, "user.color", 4, 0), Rxattrcreate.class, "xattrcreate");
            w.c.call(new Twrite(f, 0, utf8("blue")), Rwrite.class, "xattr value");
            w.clunk(f);
            int g = w.walk(w.root, "f");
            int x = w.c.newFid();
            assertThat(w.c.call(new Txattrwalk(g, x, "user.color"), Rxattrwalk.class, "xattrwalk").size())
                    .isEqualTo(4);
            ByteBuffer v = w.c.call(new Tread(x, 0, 100), Rread.class, "read xattr").data();
            assertThat(StandardCharsets.UTF_8.decode(v).toString()).isEqualTo("blue");
            assertErrno(Errno.ENODATA, () -> w.c.call(new Txattrwalk(g, w.c.newFid(), "user.none"),
                    Rxattrwalk.class, "xattrwalk"));
            w.c.call(new Tlopen(g, 02), Rlopen.class, "open");
            assertThat(w.c.call(new Tlock(g, Tlock.WRLCK, 0, 0, 0, 1, "c"), Rlock.class, "lock").status())
                    .isEqualTo(Rlock.SUCCESS);
            int h = w.walk(w.root, "f");
            w.c.call(new Tlopen(h, 02), Rlopen.class, "open");
            assertThat(w.c.call(new Tlock(h, Tlock.WRLCK, 0, 0, 0, 2, "d"), Rlock.class, "lock").status())
                    .isEqualTo(Rlock.BLOCKED);
            assertThat(w.c.call(new Tgetlock(h, Tlock.WRLCK, 0, 0, 2, "d"), Rgetlock.class, "getlock").lockType())
                    .isEqualTo(Tlock.WRLCK);
        }
    }
}
