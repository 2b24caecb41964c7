package dev.cairn.fs.gofer.client;

import dev.cairn.fs.gofer.api.GoferConnection;
import dev.cairn.fs.gofer.host.SocketPair;
import dev.cairn.fs.gofer.server.GoferServer;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.MountNamespace;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import java.nio.file.Path;

/** A VFS whose root is a 9p mount of a host directory served by an in-process gofer. */
final class Mounted implements AutoCloseable {
    final VirtualFilesystem vfs;
    final Task task;
    final SocketPair pair;
    final GoferServer server;

    Mounted(Path dir, String cache, boolean readOnlyExport) throws Exception {
        this(dir, "cache=" + cache, readOnlyExport, c -> c);
    }

    /** With extra mount options and the client's side of the connection wrapped (e.g. to count frames). */
    Mounted(Path dir, String options, boolean readOnlyExport,
            java.util.function.UnaryOperator<java.nio.channels.ByteChannel> wrap) throws Exception {
        vfs = VirtualFilesystem.create("gofer-test");
        vfs.registerFilesystemType("9p", new NinePFilesystemType(), TypePolicy.USER_MOUNTABLE);
        server = new GoferServer(dir, readOnlyExport);
        pair = SocketPair.open();
        server.serve(pair.second());
        GoferConnection conn = new GoferConnection(0, wrap.apply(pair.first()));
        MountRequest root = MountRequest.internal("none", "9p", 0, conn.mountData() + "," + options)
                .withInternalData(GoferConnection.INTERNAL_DATA_KEY, conn);
        MountNamespace ns = vfs.newMountNamespace(Credentials.root(), root);
        task = vfs.newTask(Credentials.root(), ns);
    }

    /** Kills the server side of the connection, as if the gofer process died. */
    void killServer() {
        pair.second().close();
    }

    @Override
    public void close() {
        task.exit();
        pair.first().close();
        pair.second().close();
    }
}
