package dev.cairn.fs.gofer.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.fs.gofer.client.P9Client;
import dev.cairn.fs.gofer.host.SocketPair;
import dev.cairn.fs.gofer.p9.Attr;
import dev.cairn.fs.gofer.p9.Message;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert;

/** A raw 9P client session against an in-process gofer over a socketpair, with helpers. */
final class Wire implements AutoCloseable {
    final P9Client c;
    final int root;
    final Session session;

    Wire(Path dir, boolean ro) throws Exception {
        this(dir, ro, Session.Hook.NONE);
    }

    Wire(Path dir, boolean ro, Session.Hook hook) throws Exception {
        SocketPair sp = SocketPair.open();
        Export export = new Export(dir, ro);
        session = new Session(sp.second(), export, 1 << 20, "test", hook);
        Thread t = new Thread(session, "test-gofer");
        t.setDaemon(true);
        t.start();
        c = P9Client.connect(sp.first(), 1 << 20, Duration.ofSeconds(10));
        root = c.newFid();
        c.call(new Tattach(root, Message.NOFID, "root", "", 0), Rattach.class, "attach");
    }

    int walk(int from, String... names) throws ErrnoException {
        int fid = c.newFid();
        Rwalk r = c.call(new Twalk(from, fid, List.of(names)), Rwalk.class, "walk " + String.join("/", names));
        if (r.qids().size() != names.length) {
            throw Errno.ENOENT.exception("partial walk " + r.qids().size() + "/" + names.length);
        }
        return fid;
    }

    Attr attr(int fid) throws ErrnoException {
        return c.call(new Tgetattr(fid, Attr.ALL), Rgetattr.class, "getattr").attr();
    }

    String readAll(int fid) throws ErrnoException {
        c.call(new Tlopen(fid, 0), Rlopen.class, "open");
        ByteBuffer d = c.call(new Tread(fid, 0, 65536), Rread.class, "read").data();
        byte[] b = new byte[d.remaining()];
        d.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    void clunk(int fid) throws ErrnoException {
        c.call(new Tclunk(fid), Rclunk.class, "clunk");
    }

    static void assertErrno(Errno errno, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ErrnoException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((ErrnoException) e).errno())
                        .as(e.getMessage()).isEqualTo(errno));
    }

    @Override
    public void close() {
        c.close();
    }
}
