package dev.cairn.bench;

import dev.cairn.fs.gofer.client.NinePFilesystemType;
import dev.cairn.fs.tmpfs.TmpfsFilesystemType;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountNamespace;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The tree every peer of {@link GoferBench} sees, and the peers themselves. The same layout
 * is written once on the host (a fresh directory under /dev/shm, the gofer's export) or, for
 * the tmpfs peer, into Cairn's tmpfs:
 * <pre>
 * /tree/a/b/small   4 KiB
 * /list/entry-N     1000 empty files
 * /seq/big          64 MiB
 * /w/               where the write benchmark writes
 * </pre>
 */
final class GoferFixture implements AutoCloseable {
    static final String SMALL = "/tree/a/b/small";
    static final String LIST = "/list";
    static final String BIG = "/seq/big";
    static final String OUT = "/w/out";
    static final int SMALL_SIZE = 4096;
    static final int LIST_SIZE = 1000;
    static final int BIG_MIB = 64;
    private static final String[] DIRS = {"/tree", "/tree/a", "/tree/a/b", LIST, "/seq", "/w"};

    private final Path export;
    private final Path sockDir;
    private GoferProcess gofer;
    final GoferPeer peer;

    /**
     * {@code kind}: 9p-fscache, 9p-revalidating (the gofer donates host fds, as the launcher
     * runs it), 9p-revalidating-stream (no donation: all data over Tread/Twrite), 9p-fscache-cold
     * (fscache with a 16 MiB data cache, so the 64 MiB file is never cached), tmpfs or host.
     */
    GoferFixture(String kind, Path base) throws Exception {
        export = Files.createTempDirectory(base, "cairn-gofer-bench-");
        sockDir = Files.createTempDirectory(base, "cairn-gofer-sock-");
        peer = switch (kind) {
            case "host" -> populated(new GoferHostPeer(export));
            case "tmpfs" -> populated(tmpfs());
            case "9p-fscache" -> ninep("fscache", true);
            case "9p-revalidating" -> ninep("remote_revalidating", true);
            case "9p-revalidating-stream" -> ninep("remote_revalidating", false);
            // a data cache smaller than the big file: every sequential pass refills it
            case "9p-fscache-cold" -> ninep("fscache,fscache_limit=" + (16 << 20), true);
            default -> throw new IllegalArgumentException("fs=" + kind);
        };
        long size = peer.stat(BIG);
        if (size != (long) BIG_MIB << 20) {
            throw new IllegalStateException(kind + ": " + BIG + " has " + size + " bytes");
        }
    }

    private GoferPeer ninep(String cache, boolean donate) throws Exception {
        populated(new GoferHostPeer(export));
        Path sock = sockDir.resolve("gofer.sock");
        gofer = GoferProcess.start(export, sock, donate);
        VirtualFilesystem vfs = VirtualFilesystem.create("goferbench");
        vfs.registerFilesystemType("9p", new NinePFilesystemType(), TypePolicy.USER_MOUNTABLE);
        MountNamespace ns = vfs.newMountNamespace(Credentials.root(), MountRequest.internal(sock.toString(),
                "9p", 0, "trans=unix,aname=" + export + ",cache=" + cache));
        return new GoferTaskPeer(vfs.newTask(Credentials.root(), ns), () -> { });
    }

    private static GoferTaskPeer tmpfs() throws ErrnoException {
        VirtualFilesystem vfs = VirtualFilesystem.create("goferbench-tmpfs");
        vfs.registerFilesystemType("tmpfs", new TmpfsFilesystemType(), TypePolicy.USER_MOUNTABLE);
        MountNamespace ns = vfs.newMountNamespace(Credentials.root(), MountRequest.internal("none", "tmpfs", 0, ""));
        GoferTaskPeer p = new GoferTaskPeer(vfs.newTask(Credentials.root(), ns), () -> { });
        for (String d : DIRS) {
            p.task().mkdir(d, 0755);
        }
        return p;
    }

    /** Writes the tree through {@code p} (host directories are made through java.nio). */
    private <P extends GoferPeer> P populated(P p) throws Exception {
        if (p instanceof GoferHostPeer) {
            for (String d : DIRS) {
                Files.createDirectories(export.resolve(d.substring(1)));
            }
        }
        ByteBuffer page = ByteBuffer.allocate(SMALL_SIZE);
        for (int i = 0; i < SMALL_SIZE; i++) {
            page.put(i, (byte) (i * 31));
        }
        p.writeSequential(SMALL, page, 1);
        ByteBuffer none = ByteBuffer.allocate(0);
        for (int i = 0; i < LIST_SIZE; i++) {
            p.writeSequential(LIST + "/entry-" + i, none, 0);
        }
        ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
        for (int i = 0; i < chunk.capacity(); i++) {
            chunk.put(i, (byte) (i ^ (i >>> 8)));
        }
        p.writeSequential(BIG, chunk, BIG_MIB);
        return p;
    }

    @Override
    public void close() throws Exception {
        try {
            peer.close();
        } finally {
            if (gofer != null) {
                gofer.close();
            }
            deleteTree(export);
            deleteTree(sockDir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path x : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(x);
            }
        }
    }
}
