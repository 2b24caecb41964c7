package dev.cairn.fs.gofer.client;

import static dev.cairn.fs.gofer.client.NinePFilesystemTest.assertErrno;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.fs.gofer.api.ConnectionDispenser;
import dev.cairn.fs.gofer.api.GoferConnection;
import dev.cairn.fs.gofer.host.SocketPair;
import dev.cairn.fs.gofer.server.GoferProcess;
import dev.cairn.fs.gofer.server.GoferServer;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountOptions;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class MountOptionsTest {
    @TempDir
    Path tmp;

    private static MountConfig parse(String s) throws ErrnoException {
        return MountConfig.parse(MountOptions.parse(s));
    }

    @Test
    void optionsParseLikeV9fsAndBadOnesAreEinvalNamingTheKey() throws Exception {
        MountConfig c = parse("trans=fd,rfdno=3,wfdno=3,cache=remote_revalidating,overlayfs_stale_read");
        assertThat(c.fd()).isEqualTo(3);
        assertThat(c.cache()).isEqualTo(MountConfig.CacheMode.REMOTE_REVALIDATING);
        assertThat(c.overlayfsStaleRead()).isTrue();
        MountConfig tcp = parse("trans=tcp,port=5640,aname=/srv,msize=65536");
        assertThat(tcp.port()).isEqualTo(5640);
        assertThat(tcp.aname()).isEqualTo("/srv");
        assertThat(tcp.msize()).isEqualTo(65536);
        assertThat(tcp.cache()).isEqualTo(MountConfig.CacheMode.FSCACHE);
        assertThatThrownBy(() -> parse("trans=fd,rfdno=1,wfdno=1,bogus=2")).isInstanceOf(ErrnoException.class)
                .hasMessageContaining("bogus");
        assertErrno(Errno.EINVAL, () -> parse("trans=fd,rfdno=1,wfdno=2"));
        assertErrno(Errno.EINVAL, () -> parse("trans=fd,rfdno=1"));
        assertErrno(Errno.EINVAL, () -> parse("trans=virtio"));
        assertErrno(Errno.EINVAL, () -> parse("rfdno=1,wfdno=1"));
        assertErrno(Errno.EINVAL, () -> parse("trans=tcp,port=99999"));
        assertErrno(Errno.EINVAL, () -> parse("trans=tcp,msize=12"));
        assertErrno(Errno.EINVAL, () -> parse("trans=tcp,cache=loose"));
        assertErrno(Errno.EINVAL, () -> parse("trans=tcp,port=x"));
        assertErrno(Errno.EINVAL, () -> parse("trans=tcp,rfdno=1,wfdno=1"));
    }

    @Test
    void dispenserHandsConnectionsInOrderAndReportsLeftOvers() throws Exception {
        SocketPair a = SocketPair.open();
        SocketPair b = SocketPair.open();
        ConnectionDispenser d = new ConnectionDispenser(List.of(a.first(), b.first()));
        assertThatThrownBy(d::checkAllConsumed).isInstanceOf(ErrnoException.class)
                .hasMessageContaining("not all gofer connections were consumed");
        GoferConnection first = d.next();
        assertThat(first.number()).isZero();
        assertThat(first.channel()).isSameAs(a.first());
        assertThat(first.mountData()).isEqualTo("trans=fd,rfdno=0,wfdno=0");
        assertThat(d.next().channel()).isSameAs(b.first());
        d.checkAllConsumed();
        assertThatThrownBy(d::next).isInstanceOf(ErrnoException.class)
                .hasMessageContaining("9P mount requires a connection");
        for (SocketPair p : List.of(a, b)) {
            p.first().close();
            p.second().close();
        }
    }

    private VirtualFilesystem vfs() throws ErrnoException {
        VirtualFilesystem vfs = VirtualFilesystem.create("opts");
        vfs.registerFilesystemType("9p", new NinePFilesystemType(), TypePolicy.USER_MOUNTABLE);
        return vfs;
    }

    @Test
    void fdTransportFindsItsConnectionInTheVfsTable() throws Exception {
        Files.writeString(tmp.resolve("f"), "table");
        VirtualFilesystem vfs = vfs();
        GoferServer server = new GoferServer(tmp, false);
        SocketPair p = SocketPair.open();
        server.serve(p.second());
        vfs.setAttribute(GoferConnection.FD_TABLE_ATTRIBUTE, Map.<Integer, ByteChannel>of(7, p.first()));
        var ns = vfs.newMountNamespace(Credentials.root(),
                MountRequest.internal("none", "9p", 0, "trans=fd,rfdno=7,wfdno=7"));
        Task t = vfs.newTask(Credentials.root(), ns);
        assertThat(new String(t.readFile("/f"), StandardCharsets.UTF_8)).isEqualTo("table");
        assertErrno(Errno.EBADF, () -> vfs.newMountNamespace(Credentials.root(),
                MountRequest.internal("none", "9p", 0, "trans=fd,rfdno=8,wfdno=8")));
        // a second mount of a connection already carrying one would never get its version answer
        assertErrno(Errno.EBUSY, () -> vfs.newMountNamespace(Credentials.root(),
                MountRequest.internal("none", "9p", 0, "trans=fd,rfdno=7,wfdno=7")));
        t.exit();
        p.first().close();
    }

    @Test
    void aUserMountReachesAGoferProcessOverUnix() throws Exception {
        Path export = Files.createDirectories(tmp.resolve("srv"));
        Files.writeString(export.resolve("motd"), "hello from the gofer process");
        Path sock = tmp.resolve("g.sock");
        VirtualFilesystem vfs = vfs();
        SocketPair p = SocketPair.open();
        new GoferServer(Files.createDirectories(tmp.resolve("rootfs")), false).serve(p.second());
        GoferConnection c = new GoferConnection(0, p.first());
        var ns = vfs.newMountNamespace(Credentials.root(), MountRequest.internal("none", "9p", 0, c.mountData())
                .withInternalData(GoferConnection.INTERNAL_DATA_KEY, c));
        Task t = vfs.newTask(Credentials.root(), ns);
        t.mkdir("/mnt", 0755);
        t.mkdir("/tcp", 0755);
        try (GoferProcess g = GoferProcess.start("--root", export.toString(), "--listen", "unix:" + sock)) {
            t.mount(sock.toString(), "/mnt", "9p", 0, "trans=unix,aname=" + export);
            assertThat(new String(t.readFile("/mnt/motd"), StandardCharsets.UTF_8))
                    .isEqualTo("hello from the gofer process");
            t.writeFile("/mnt/reply", "thanks".getBytes(StandardCharsets.UTF_8));
            assertThat(Files.readString(export.resolve("reply"))).isEqualTo("thanks");
            assertErrno(Errno.ENOENT, () -> t.mount(sock.toString(), "/tcp", "9p", 0, "trans=unix,aname=/nope"));
            assertErrno(Errno.ECONNREFUSED, () -> t.mount("127.0.0.1", "/tcp", "9p", 0, "trans=tcp,port=1"));
            assertErrno(Errno.ENOENT, () -> t.mount(tmp.resolve("none.sock").toString(), "/tcp", "9p", 0,
                    "trans=unix"));
            t.umount("/mnt", 0);
        }
        t.exit();
        p.first().close();
    }
}
