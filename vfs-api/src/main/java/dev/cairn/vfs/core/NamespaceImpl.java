package dev.cairn.vfs.core;

import dev.cairn.vfs.Mount;
import dev.cairn.vfs.MountNamespace;
import java.util.ArrayList;
import java.util.List;

/** A mount namespace: its root mount and, through it, the tree of attached mounts. */
final class NamespaceImpl implements MountNamespace {
    private final CoreVfs vfs;
    final int id;
    final MountImpl root;

    NamespaceImpl(CoreVfs vfs, int id, MountImpl root) {
        this.vfs = vfs;
        this.id = id;
        this.root = root;
    }

    @Override
    public Mount root() {
        return root;
    }

    @Override
    public List<Mount> mounts() {
        synchronized (vfs.mountLock) {
            List<Mount> out = new ArrayList<>();
            collectLocked(root, out);
            return out;
        }
    }

    /** Pre-order: parents before children, children in mount order. */
    static void collectLocked(MountImpl m, List<? super MountImpl> out) {
        out.add(m);
        for (MountImpl c : m.children) {
            collectLocked(c, out);
        }
    }

    @Override
    public String toString() {
        return "MountNamespace[" + id + "]";
    }
}
