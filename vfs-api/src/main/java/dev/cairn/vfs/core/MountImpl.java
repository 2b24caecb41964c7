package dev.cairn.vfs.core;

import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.Mount;
import dev.cairn.vfs.MountFlags;
import dev.cairn.vfs.spi.Filesystem;
import dev.cairn.vfs.spi.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mount: a filesystem instance seen from a root dentry, with per-mount flags, a place in
 * a namespace's tree (or none while disconnected), and counts of users (open files, task
 * roots and cwds) and of writers (files open for writing).
 */
final class MountImpl implements Mount {
    /** Lifecycle states; guarded by the VFS mount lock. */
    static final int DISCONNECTED = 0;
    static final int ATTACHED = 1;
    static final int DETACHED = 2;

    private final CoreVfs vfs;
    final int id;
    final FsInstance fsi;
    final Dentry root;
    private final String source;

    /** MS_* flags; written under the mount lock, read anywhere. */
    private volatile int flags;

    /** Written once under the mount lock before publication in {@code mountpoint.mountsHere}. */
    private volatile MountImpl parent;
    /** Written once under the mount lock before publication in {@code mountsHere}. */
    private volatile Dentry mountpoint;
    /** Guarded by the mount lock. */
    private NamespaceImpl ns;
    /** Guarded by the mount lock. */
    final List<MountImpl> children = new ArrayList<>();
    /** Written under the mount lock; read without it by path walks (".." at a mount root). */
    private volatile int state = DISCONNECTED;
    /**
     * Set (under the mount lock) when the mount is freed; read without it by
     * {@link #incUsers()}, which pairs with the set like Dekker's protocol.
     */
    private volatile boolean freed;

    /** Open files, task roots and cwds on this mount. */
    final AtomicInteger users = new AtomicInteger();
    /** Open files with write access on this mount. */
    final AtomicInteger writers = new AtomicInteger();

    MountImpl(CoreVfs vfs, int id, FsInstance fsi, Dentry root, String source, int flags) {
        this.vfs = vfs;
        this.id = id;
        this.fsi = fsi;
        this.root = root;
        this.source = source;
        this.flags = flags & CoreVfs.PER_MOUNT_FLAGS;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String type() {
        return fsi.typeName;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public int flags() {
        return flags;
    }

    void setFlagsLocked(int f) {
        flags = f & CoreVfs.PER_MOUNT_FLAGS;
    }

    boolean noexec() {
        return (flags & MountFlags.MS_NOEXEC) != 0;
    }

    boolean nodev() {
        return (flags & MountFlags.MS_NODEV) != 0;
    }

    boolean noatime() {
        return (flags & MountFlags.MS_NOATIME) != 0;
    }

    @Override
    public Filesystem filesystem() {
        return fsi.fs;
    }

    @Override
    public Node root() {
        return root.node;
    }

    @Override
    public boolean attached() {
        synchronized (vfs.mountLock) {
            return state == ATTACHED;
        }
    }

    @Override
    public String mountPoint() {
        synchronized (vfs.mountLock) {
            if (state != ATTACHED) {
                return "";
            }
            String p = Paths.absolutePathLocked(this, root, null, null);
            return p == null ? "" : p;
        }
    }

    MountImpl parentMount() {
        return parent;
    }

    Dentry mountpointDentry() {
        return mountpoint;
    }

    boolean isAttached() {
        return state == ATTACHED;
    }

    Dentry mountpointLocked() {
        return mountpoint;
    }

    NamespaceImpl nsLocked() {
        return ns;
    }

    int stateLocked() {
        return state;
    }

    void attachLocked(NamespaceImpl namespace, MountImpl parentMount, Dentry mp) {
        this.ns = namespace;
        this.parent = parentMount;
        this.mountpoint = mp;
        this.state = ATTACHED;
        if (parentMount != null) {
            parentMount.children.add(this);
        }
        if (mp != null) {
            mp.addMountLocked(this);
        }
    }

    /** Removes this mount from its tree (not its children); it becomes DETACHED. */
    void detachLocked() {
        if (parent != null) {
            parent.children.remove(this);
        }
        if (mountpoint != null) {
            mountpoint.removeMountLocked(this);
        }
        state = DETACHED;
        ns = null;
    }

    /** Marks a disconnected mount as dropped. */
    void dropLocked() {
        state = DETACHED;
    }

    /** Frees the mount (drops its filesystem reference) once detached and unused. */
    boolean freeIfUnusedLocked() {
        if (freed || state != DETACHED || users.get() != 0) {
            return false;
        }
        freed = true;
        if (users.get() != 0) {
            freed = false; // a user raced in (see incUsers)
            return false;
        }
        fsi.decRef();
        return true;
    }

    /**
     * Takes a user reference (open file, root, cwd).
     *
     * @throws ErrnoException ENOENT when the mount was freed meanwhile (unmounted and idle)
     */
    void incUsers() throws ErrnoException {
        users.incrementAndGet();
        if (freed) {
            if (users.decrementAndGet() == 0) {
                vfs.maybeFreeMount(this);
            }
            throw dev.cairn.vfs.Errno.ENOENT.exception("mount " + id + " was unmounted");
        }
    }

    void decUsers() {
        if (users.decrementAndGet() == 0) {
            vfs.maybeFreeMount(this);
        }
    }

    @Override
    public String toString() {
        return "Mount[" + id + " " + fsi.typeName + " " + source + "]";
    }
}
