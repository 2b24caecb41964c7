package dev.cairn.fs.gofer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.fs.gofer.host.FdChannel;
import dev.cairn.fs.gofer.host.Host;
import dev.cairn.fs.gofer.host.Libc;
import dev.cairn.fs.gofer.p9.Attr;
import dev.cairn.fs.gofer.p9.Codec;
import dev.cairn.fs.gofer.p9.Frame;
import dev.cairn.fs.gofer.p9.Framing;
import dev.cairn.fs.gofer.p9.Message;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.fs.gofer.p9.Qid;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's side of fd donation against a peer that sends fds where none is asked for:
 * an fd with any reply but a successful Rlopen taken by {@code callForFd} is closed at once,
 * so a confused or hostile server cannot make the client leak descriptors.
 */
@Timeout(30)
class StrayFdTest {
    @TempDir
    Path tmp;

    private static long fdsOn(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    /** A peer that answers every request (Tlopen with EACCES) with an fd on {@code bait} attached. */
    private Thread peer(FdChannel server, Path bait) {
        Thread t = new Thread(() -> {
            Framing framing = new Framing(Framing.DEFAULT_MSIZE);
            int fd = -1;
            try {
                fd = Host.openAt(Libc.AT_FDCWD, bait.toString(), Libc.O_RDONLY, 0, "bait");
                while (true) {
                    Frame f = framing.read(server);
                    if (f == null) {
                        return;
                    }
                    Message m = f.message();
                    Message reply;
                    if (m instanceof Tversion v) {
                        reply = new Rversion(v.msize(), Framing.VERSION);
                    } else if (m instanceof Tgetattr) {
                        reply = new Rgetattr(new Attr(Attr.BASIC, new Qid(0, 0, 1), 0100644, 0, 0, 1, 0, 0, 4096, 0, 0, 0,
                                0, 0, 0, 0, 0, 0, 0, 0));
                    } else {
                        reply = new Rlerror(Errno.EACCES.number());
                    }
                    server.writeWithFd(Codec.encode(f.tag(), reply), fd);
                }
            } catch (Exception e) {
                // the client went away
            } finally {
                Host.close(fd);
            }
        }, "stray-fd-peer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void fdsSentWithRepliesThatTakeNoneAreClosed() throws Exception {
        Path bait = Files.writeString(tmp.resolve("bait"), "not for you");
        int[] sv = new int[2];
        Libc.socketpair(1, 1 | Libc.O_CLOEXEC, 0, sv);
        FdChannel server = new FdChannel(sv[1]);
        FdChannel clientSide = new FdChannel(sv[0], true);
        Thread peer = peer(server, bait);
        try (P9Client c = P9Client.connect(clientSide, Framing.DEFAULT_MSIZE, Duration.ofSeconds(10))) {
            for (int i = 0; i < 20; i++) {
                assertThat(c.call(new Tgetattr(1, Attr.BASIC), Rgetattr.class, "stat").attr().size()).isZero();
            }
            assertThatThrownBy(() -> c.callForFd(new Tlopen(1, 0), Rlopen.class, "open"))
                    .isInstanceOf(ErrnoException.class)
                    .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(Errno.EACCES));
            assertThat(fdsOn(bait)).as("only the peer's own fd on the bait; the client kept none").isEqualTo(1);
        } finally {
            server.close();
            peer.join(5000);
        }
    }
}
