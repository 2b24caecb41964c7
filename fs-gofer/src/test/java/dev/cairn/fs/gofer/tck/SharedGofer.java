package dev.cairn.fs.gofer.tck;

import dev.cairn.fs.gofer.client.NinePFilesystemType;
import dev.cairn.fs.gofer.server.GoferProcess;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import dev.cairn.vfs.tck.TckFeature;
import dev.cairn.vfs.tck.TckFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real gofer process (GoferMain, a separate JVM) for all kit runs of this test JVM,
 * exporting a temporary directory over a unix socket. Every kit test gets a fresh
 * subdirectory, attached by name ({@code aname=<export>/tck-N}), so tests never see each
 * other's files. The process and the directory go away when the test JVM exits.
 */
final class SharedGofer {
    private static SharedGofer instance;

    final Path export;
    final Path socket;
    private final GoferProcess process;
    private final AtomicInteger next = new AtomicInteger();

    private SharedGofer() throws Exception {
        // a host tmpfs when there is one: Linux tmpfs is the kit's oracle (xattr sizes, cookies)
        Path shm = Path.of("/dev/shm");
        export = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "cairn-gofer-tck")
                : Files.createTempDirectory("cairn-gofer-tck");
        socket = export.resolveSibling(export.getFileName() + ".sock");
        process = GoferProcess.start("--donate-fds", "--root", export.toString(), "--listen", "unix:" + socket);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    static synchronized SharedGofer get() throws Exception {
        if (instance == null || !instance.process.process.isAlive()) {
            instance = new SharedGofer();
        }
        return instance;
    }

    private void stop() {
        try {
            process.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var walk = Files.walk(export)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory
        }
    }

    /**
     * What a 9p mount of a host directory through the gofer offers (FIFOs are the core's pipes,
     * keyed by the file, see {@code FifoTest}). Not claimed: RENAME_EXCHANGE (EINVAL, as Linux
     * v9fs), SPARSE and STATFS_COUNTS (host-dependent). HOST_ORACLE (every intermediate result equal to Linux,
     * including the 3,000-row errno matrix) is claimed for {@code cache=fscache}; for
     * {@code remote_revalidating} it is opt-in with {@code -Dgofer.tck.oracle=true} (it passes
     * there too, but doubles the suite's time).
     */
    static Set<TckFeature> features(String cache) {
        EnumSet<TckFeature> f = EnumSet.of(TckFeature.HARD_LINKS, TckFeature.SYMLINKS, TckFeature.XATTR_USER,
                TckFeature.XATTR_TRUSTED, TckFeature.MKNOD, TckFeature.FIFO, TckFeature.RENAME_NOREPLACE,
                TckFeature.TIMES_PRECISE, TckFeature.PERMISSIONS, TckFeature.STABLE_COOKIES);
        if (cache.equals("fscache") || Boolean.getBoolean("gofer.tck.oracle")) {
            f.add(TckFeature.HOST_ORACLE);
        }
        return f;
    }

    /**
     * A fixture mounting a fresh subdirectory of the export with {@code cache}, each mount over
     * its own connection to the gofer process (trans=fd with a unix socket the fixture opens,
     * taking the host fds the gofer, started with {@code --donate-fds}, sends with each open),
     * closed when the kit is done with the VFS, so the gofer's sessions and fds do not pile up
     * over thousands of rows.
     */
    static TckFixture fixture(String cache) {
        return fixture(cache, true);
    }

    /**
     * As {@link #fixture(String)}; with {@code donated} false the connections are plain
     * {@link java.nio.channels.SocketChannel}s, which do not take the fds the gofer donates,
     * so file data goes through Tread/Twrite.
     */
    static TckFixture fixture(String cache, boolean donated) {
        return new TckFixture() {
            private Path dir;
            private SharedGofer g;
            private VirtualFilesystem current;
            private final java.util.Map<VirtualFilesystem, java.util.List<java.nio.channels.ByteChannel>> open =
                    new java.util.IdentityHashMap<>();

            @Override
            public void closeVfs(VirtualFilesystem vfs) {
                java.util.List<java.nio.channels.ByteChannel> chs;
                synchronized (open) {
                    chs = open.remove(vfs);
                }
                if (chs != null) {
                    for (java.nio.channels.ByteChannel c : chs) {
                        try {
                            c.close();
                        } catch (IOException e) {
                            // closing anyway
                        }
                    }
                }
            }

            @Override
            public VirtualFilesystem newVfs() throws Exception {
                g = get();
                VirtualFilesystem vfs = VirtualFilesystem.create("tck-9p");
                vfs.registerFilesystemType("9p", new NinePFilesystemType(), TypePolicy.LIST_ONLY);
                current = vfs;
                return vfs;
            }

            /** Every mount request names a fresh, empty subdirectory of the export. */
            @Override
            public MountRequest rootMount() {
                try {
                    dir = Files.createDirectory(g.export.resolve("tck-" + g.next.incrementAndGet()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                VirtualFilesystem owner = current;
                // a request may be mounted more than once (the kit copies it): one connection per mount
                java.util.concurrent.Callable<java.nio.channels.ByteChannel> opener = () -> {
                    java.nio.channels.ByteChannel ch = donated
                            ? dev.cairn.fs.gofer.api.GoferSockets.connect(g.socket)
                            : java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(g.socket));
                    synchronized (open) {
                        open.computeIfAbsent(owner, v -> new java.util.ArrayList<>()).add(ch);
                    }
                    return ch;
                };
                return MountRequest.internal(g.socket.toString(), "9p", 0,
                        "trans=fd,rfdno=0,wfdno=0,aname=" + dir + ",cache=" + cache)
                        .withInternalData(dev.cairn.fs.gofer.api.GoferConnection.INTERNAL_DATA_KEY, opener);
            }

            @Override
            public Set<TckFeature> features() {
                Set<TckFeature> f = SharedGofer.features(cache);
                if (!donated && !Boolean.getBoolean("gofer.tck.oracle")) {
                    f.remove(TckFeature.HOST_ORACLE); // the donated fscache run compares with Linux already
                }
                return f;
            }
        };
    }
}
