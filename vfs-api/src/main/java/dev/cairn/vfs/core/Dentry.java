package dev.cairn.vfs.core;

import dev.cairn.vfs.FileType;
import dev.cairn.vfs.spi.Node;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A name of a node in the dentry cache: the node, its parent and name, and the cached
 * children that were looked up through it. Dentries are shared by every mount of the same
 * filesystem instance; a mount pairs a dentry with the mount it is seen through.
 */
final class Dentry {
    private static final AtomicLong IDS = new AtomicLong();
    private static final MountImpl[] NO_MOUNTS = new MountImpl[0];

    final Node node;
    final FsInstance fs;
    /** S_IFMT bits of the node (a node never changes type). */
    final int type;
    /** Creation order; orders unrelated directory locks. */
    final long id = IDS.incrementAndGet();
    /** True for an in-core directory made by makeSyntheticMountpoint. */
    final boolean synthetic;

    /** Guarded by the parent's {@link #lock} (and the rename lock when moved across dirs). */
    volatile Dentry parent;
    /** Guarded by the parent's {@link #lock}; changed only while out of the parent's table. */
    volatile String name;
    /** {@code name.hashCode()}, kept beside it for lock-free lookups. */
    volatile int nameHash;
    /** Next dentry in the parent's {@link ChildTable} chain; guarded by the parent's lock. */
    volatile Dentry nextInTable;
    /** True once unlinked/removed; guarded by the parent's lock. */
    volatile boolean dead;

    /** Cached children (directories only, else null); writes guarded by {@link #lock}. */
    final ChildTable children;
    /** Serialises mutations of this directory (null for non-directories). */
    final ReentrantLock lock;

    /** Mounts whose mount point is this dentry; copy-on-write, guarded by the VFS mount lock. */
    volatile MountImpl[] mountsHere = NO_MOUNTS;

    Dentry(Node node, FsInstance fs, int type, Dentry parent, String name, boolean synthetic) {
        this.node = node;
        this.fs = fs;
        this.type = type;
        this.parent = parent;
        this.name = name;
        this.nameHash = name.hashCode();
        this.synthetic = synthetic;
        boolean dir = type == FileType.DIRECTORY.bits();
        this.children = dir ? new ChildTable() : null;
        this.lock = dir ? new ReentrantLock() : null;
    }

    /** Renames this dentry (caller holds the lock of the directory it is out of/into). */
    void setNameLocked(Dentry newParent, String newName) {
        parent = newParent;
        name = newName;
        nameHash = newName.hashCode();
    }

    boolean isDir() {
        return type == FileType.DIRECTORY.bits();
    }

    boolean isRegular() {
        return type == FileType.REGULAR.bits();
    }

    boolean isSymlink() {
        return type == FileType.SYMLINK.bits();
    }

    boolean isMountpoint() {
        return mountsHere.length != 0;
    }

    /** The mount stacked on this dentry as seen from {@code parentMount}, or null. */
    MountImpl mountedFrom(MountImpl parentMount) {
        for (MountImpl m : mountsHere) {
            if (m.parentMount() == parentMount) {
                return m;
            }
        }
        return null;
    }

    void addMountLocked(MountImpl m) {
        MountImpl[] old = mountsHere;
        MountImpl[] n = java.util.Arrays.copyOf(old, old.length + 1);
        n[old.length] = m;
        mountsHere = n;
    }

    void removeMountLocked(MountImpl m) {
        MountImpl[] old = mountsHere;
        int i = 0;
        while (i < old.length && old[i] != m) {
            i++;
        }
        if (i == old.length) {
            return;
        }
        MountImpl[] n = new MountImpl[old.length - 1];
        System.arraycopy(old, 0, n, 0, i);
        System.arraycopy(old, i + 1, n, i, old.length - i - 1);
        mountsHere = n.length == 0 ? NO_MOUNTS : n;
    }

    /** True when {@code this} is {@code other} or one of its ancestors (same filesystem). */
    boolean isAncestorOf(Dentry other) {
        for (Dentry d = other; d != null; d = d.parent) {
            if (d == this) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Dentry[" + name + "]";
    }
}
