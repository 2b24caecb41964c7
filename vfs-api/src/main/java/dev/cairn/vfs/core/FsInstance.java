package dev.cairn.vfs.core;

import dev.cairn.vfs.spi.Filesystem;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's side of one filesystem instance (superblock): its anonymous device number,
 * the root dentry, and a reference count of mounts and open files. When the count drops to
 * zero the filesystem is released once.
 */
final class FsInstance {
    private static final Logger LOG = LoggerFactory.getLogger(FsInstance.class);

    final Filesystem fs;
    final String typeName;
    final int devMinor;
    final boolean revalidates;
    final Dentry root;
    /** The filesystem was created read-only (MS_RDONLY at creation): "ro" super option. */
    final boolean readOnly;
    private final CoreVfs vfs;
    /** Mounts and open files referring to this instance. */
    private final AtomicInteger refs = new AtomicInteger();
    /** Guarded by the VFS mount lock. */
    private boolean released;

    FsInstance(CoreVfs vfs, Filesystem fs, String typeName, int devMinor, int rootType, boolean readOnly) {
        this.readOnly = readOnly;
        this.vfs = vfs;
        this.fs = fs;
        this.typeName = typeName;
        this.devMinor = devMinor;
        this.revalidates = fs.revalidates();
        this.root = new Dentry(fs.root(), this, rootType, null, "", false);
    }

    void incRef() {
        refs.incrementAndGet();
    }

    void decRef() {
        if (refs.decrementAndGet() == 0) {
            vfs.maybeReleaseFs(this);
        }
    }

    int refs() {
        return refs.get();
    }

    /** Called with the mount lock held when the count is zero. */
    void releaseLocked() {
        if (released || refs.get() != 0) {
            return;
        }
        released = true;
        try {
            fs.release();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("filesystem {} (0:{}) failed to release", typeName, devMinor, e);
        }
    }

    boolean releasedLocked() {
        return released;
    }
}
