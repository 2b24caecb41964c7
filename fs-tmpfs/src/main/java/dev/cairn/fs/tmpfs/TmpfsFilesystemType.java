package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.spi.Filesystem;
import dev.cairn.vfs.spi.FilesystemType;
import dev.cairn.vfs.spi.MountContext;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The "tmpfs" filesystem type, registered as a Declarative Services component. */
@Component(service = FilesystemType.class, property = FilesystemType.NAME_PROPERTY + "=tmpfs")
public final class TmpfsFilesystemType implements FilesystemType {
    /** Internal data key: the {@link FileType} of the root (DIRECTORY, REGULAR or SYMLINK). */
    public static final String ROOT_TYPE = "tmpfs.rootType";
    /** Internal data key: the target ({@link String}) of a SYMLINK root. */
    public static final String SYMLINK_TARGET = "tmpfs.symlinkTarget";

    private static final Logger LOG = LoggerFactory.getLogger(TmpfsFilesystemType.class);
    private static final String PACKAGE_PATH = "dev/cairn/fs/tmpfs";

    private final long ramPages = ramPages();

    @Override
    public String name() {
        return "tmpfs";
    }

    /**
     * Loads every class of this bundle's package now, so that filesystems created by this
     * bundle keep working after the bundle is updated or uninstalled under a running sandbox
     * (the old class loader can then no longer be asked for classes it has not loaded yet).
     */
    @Activate
    void activate(BundleContext context) {
        List<String> names = classNames(context.getBundle().findEntries(PACKAGE_PATH, "*.class", false));
        int n = preload(TmpfsFilesystemType.class.getClassLoader(), names);
        LOG.debug("tmpfs: preloaded {} classes", n);
    }

    /** Simple class names ("TmpfsFile", "TmpfsNode$1") of bundle entries ending in .class. */
    static List<String> classNames(Enumeration<URL> entries) {
        List<String> names = new ArrayList<>();
        while (entries != null && entries.hasMoreElements()) {
            String p = entries.nextElement().getPath();
            if (p.endsWith(".class") && !p.endsWith("package-info.class")) {
                names.add(p.substring(p.lastIndexOf('/') + 1, p.length() - ".class".length()));
            }
        }
        return names;
    }

    /** Loads and initialises the named classes of this package; returns how many loaded. */
    static int preload(ClassLoader loader, Iterable<String> simpleNames) {
        int n = 0;
        String pkg = TmpfsFilesystemType.class.getPackageName() + ".";
        for (String simple : simpleNames) {
            try {
                Class.forName(pkg + simple, true, loader);
                n++;
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.warn("tmpfs: could not preload class {}", simple, e);
            }
        }
        return n;
    }

    @Override
    public Filesystem newFilesystem(MountContext context) throws ErrnoException {
        TmpfsOptions options = TmpfsOptions.parse(context.options(), ramPages);
        FileType rootType = internal(context, ROOT_TYPE, FileType.class).orElse(FileType.DIRECTORY);
        Credentials creds = context.credentials();
        int uid = options.uid() != -1 ? options.uid() : creds.uid();
        int gid = options.gid() != -1 ? options.gid() : creds.gid();
        TmpfsFilesystem fs = new TmpfsFilesystem(options, ramPages);
        fs.reserveInode("tmpfs root");
        TmpfsNode root;
        if (rootType == FileType.DIRECTORY) {
            root = new TmpfsDirectory(fs, options.mode() != -1 ? options.mode() : 01777, uid, gid);
        } else if (rootType == FileType.REGULAR) {
            root = new TmpfsFile(fs, options.mode() != -1 ? options.mode() : 0777, uid, gid);
        } else if (rootType == FileType.SYMLINK) {
            String target = internal(context, SYMLINK_TARGET, String.class).orElse("");
            if (target.isEmpty()) {
                throw Errno.EINVAL.exception("tmpfs: a symlink root needs internal data \"" + SYMLINK_TARGET + "\"");
            }
            root = new TmpfsSymlink(fs, target, uid, gid);
        } else {
            throw Errno.EINVAL.exception("tmpfs: root type " + rootType + " not supported (directory, regular, symlink)");
        }
        fs.setRoot(root);
        return fs;
    }

    private static <T> Optional<T> internal(MountContext context, String key, Class<T> type) throws ErrnoException {
        Optional<Object> raw = context.internalData(key, Object.class);
        if (raw.isPresent() && !type.isInstance(raw.get())) {
            throw Errno.EINVAL.exception("tmpfs: internal data \"" + key + "\" is a "
                    + raw.get().getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return raw.isPresent() ? Optional.of(type.cast(raw.get())) : Optional.empty();
    }

    /**
     * What "RAM" means for size=N% and the default limits: the machine's memory
     * (/proc/meminfo MemTotal) but never more than this JVM may allocate (max heap), since
     * tmpfs pages live on the heap.
     */
    static long ramPages() {
        long heap = Runtime.getRuntime().maxMemory();
        long total = heap == Long.MAX_VALUE ? 0 : heap;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    String[] f = line.trim().split("\\s+");
                    long mem = Long.parseLong(f[1]) * 1024;
                    total = total == 0 ? mem : Math.min(total, mem);
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("tmpfs: /proc/meminfo unreadable, using the heap size", e);
        }
        if (total == 0) {
            total = 1L << 30;
        }
        return total / TmpfsOptions.PAGE_SIZE;
    }
}
