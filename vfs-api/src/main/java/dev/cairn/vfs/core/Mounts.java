package dev.cairn.vfs.core;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Capability;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.Mount;
import dev.cairn.vfs.MountFlags;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.NodeAttrs;
import java.util.ArrayList;
import java.util.List;

/** Mount-tree operations of a VFS: mount, connect, umount, detach, read-only, mount points. */
final class Mounts {
    private final CoreVfs vfs;

    Mounts(CoreVfs vfs) {
        this.vfs = vfs;
    }

    MountImpl own(Mount m) throws ErrnoException {
        if (!(m instanceof MountImpl mi)) {
            throw Errno.EINVAL.exception("not a mount of this VFS: " + m);
        }
        return mi;
    }

    private Walk rootWalk(Credentials creds, NamespaceImpl ns) {
        return new Walk(vfs, creds, ns.root, ns.root.root);
    }

    Mount mountAt(Credentials creds, NamespaceImpl ns, String path, MountRequest req) throws ErrnoException {
        try {
            Walk w = rootWalk(creds, ns).begin(ns.root, ns.root.root, path);
            w.resolve(true);
            MountImpl m = vfs.newMount(creds, req);
            attachOrFree(m, w.m, w.d, path);
            return m;
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "mount " + req.type() + " at " + path);
        }
    }

    /** Attaches a fresh mount; on failure frees it. */
    void attachOrFree(MountImpl m, MountImpl at, Dentry d, String path) throws ErrnoException {
        try {
            attach(m, at, d, path);
        } catch (ErrnoException | RuntimeException e) {
            synchronized (vfs.mountLock) {
                m.dropLocked();
                m.freeIfUnusedLocked();
            }
            throw e;
        }
    }

    /**
     * Attaches {@code m} on top of whatever is mounted at (at, d). Takes the mount point's
     * parent directory lock (so it cannot be removed concurrently), then the mount lock.
     */
    void attach(MountImpl m, MountImpl at, Dentry d, String path) throws ErrnoException {
        Dentry parent = d.parent;
        if (parent != null && parent.lock != null) {
            parent.lock.lock();
        }
        try {
            synchronized (vfs.mountLock) {
                if (m.stateLocked() != MountImpl.DISCONNECTED) {
                    throw Errno.EINVAL.exception(path + ": mount is already attached");
                }
                if (d.dead) {
                    throw Errno.ENOENT.exception(path);
                }
                if (!at.isAttached()) {
                    throw Errno.EINVAL.exception(path + ": mount point is on a detached mount");
                }
                MountImpl top;
                while ((top = d.mountedFrom(at)) != null) {
                    at = top;
                    d = top.root;
                }
                if (d.isDir() != m.root.isDir()) {
                    throw Errno.ENOTDIR.exception(path + ": mount point and mount root differ in type");
                }
                m.attachLocked(at.nsLocked(), at, d);
            }
        } finally {
            if (parent != null && parent.lock != null) {
                parent.lock.unlock();
            }
        }
    }

    /**
     * MS_REC: replicates the mounts of {@code src} whose mount points lie at or below
     * {@code srcRoot} onto {@code copy} (same dentries), recursively.
     */
    void copySubmounts(MountImpl src, Dentry srcRoot, MountImpl copy) throws ErrnoException {
        List<MountImpl> kids;
        synchronized (vfs.mountLock) {
            kids = new ArrayList<>(src.children);
        }
        for (MountImpl c : kids) {
            Dentry mp = c.mountpointDentry();
            if (mp == null || !srcRoot.isAncestorOf(mp) || !c.isAttached()) {
                continue;
            }
            MountImpl n = vfs.newMountOf(c.fsi, c.root, c.source(), c.flags());
            attachOrFree(n, copy, mp, "bind copy of mount " + c.id);
            copySubmounts(c, c.root, n);
        }
    }

    void connectMountAt(Credentials creds, MountImpl m, NamespaceImpl ns, String path) throws ErrnoException {
        try {
            Walk w = rootWalk(creds, ns).begin(ns.root, ns.root.root, path);
            w.resolve(true);
            attach(m, w.m, w.d, path);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "connect mount at " + path);
        }
    }

    void umountAt(Credentials creds, NamespaceImpl ns, String path, int flags) throws ErrnoException {
        Walk w = rootWalk(creds, ns).begin(ns.root, ns.root.root, path);
        try {
            w.resolve(true);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "umount " + path);
        }
        umount(creds, ns, w.m, w.d, path, flags);
    }

    void umount(Credentials creds, NamespaceImpl ns, MountImpl m, Dentry d, String path, int flags)
            throws ErrnoException {
        if ((flags & ~(MountFlags.MNT_DETACH | MountFlags.MNT_FORCE)) != 0) {
            throw Errno.EINVAL.exception("umount " + path + ": flags 0x" + Integer.toHexString(flags));
        }
        if (!creds.has(Capability.CAP_SYS_ADMIN)) {
            throw Errno.EPERM.exception("umount " + path + ": CAP_SYS_ADMIN required");
        }
        synchronized (vfs.mountLock) {
            if (d != m.root || m == ns.root || m.nsLocked() != ns) {
                throw Errno.EINVAL.exception("umount " + path + ": not a mount point");
            }
            if ((flags & MountFlags.MNT_DETACH) == 0) {
                if (!m.children.isEmpty()) {
                    throw Errno.EBUSY.exception("umount " + path + ": has submounts");
                }
                if (m.users.get() != 0) {
                    throw Errno.EBUSY.exception("umount " + path + ": in use");
                }
            }
            detachTreeLocked(m);
        }
    }

    void detach(MountImpl m) {
        synchronized (vfs.mountLock) {
            int st = m.stateLocked();
            if (st == MountImpl.ATTACHED) {
                if (m.parentMount() == null) {
                    return; // a namespace root stays: nothing to detach it from
                }
                detachTreeLocked(m);
            } else if (st == MountImpl.DISCONNECTED) {
                m.dropLocked();
                m.freeIfUnusedLocked();
            }
        }
    }

    /** Detaches {@code m} and every mount below it; each is freed once unused. */
    private void detachTreeLocked(MountImpl m) {
        for (MountImpl c : new ArrayList<>(m.children)) {
            detachTreeLocked(c);
        }
        m.detachLocked();
        m.freeIfUnusedLocked();
    }

    void setReadOnly(MountImpl m, boolean ro) throws ErrnoException {
        synchronized (vfs.mountLock) {
            int f = m.flags();
            if (!ro) {
                m.setFlagsLocked(f & ~MountFlags.MS_RDONLY);
                return;
            }
            m.setFlagsLocked(f | MountFlags.MS_RDONLY);
            if (m.writers.get() != 0) {
                m.setFlagsLocked(f);
                throw Errno.EBUSY.exception("mount " + m.id + " (" + m.type() + "): files are open for writing");
            }
        }
    }

    /** Sets the per-mount flags (remount); read-only follows the EBUSY rule. */
    void setFlags(MountImpl m, int flags) throws ErrnoException {
        setReadOnly(m, (flags & MountFlags.MS_RDONLY) != 0);
        synchronized (vfs.mountLock) {
            m.setFlagsLocked((flags & ~MountFlags.MS_RDONLY) | (m.flags() & MountFlags.MS_RDONLY));
        }
    }

    void makeSyntheticMountpoint(Credentials creds, NamespaceImpl ns, String path) throws ErrnoException {
        makeDirs(creds, ns, path, 0777, true);
    }

    void mkdirAll(Credentials creds, NamespaceImpl ns, String path, int mode) throws ErrnoException {
        makeDirs(creds, ns, path, mode, false);
    }

    private void makeDirs(Credentials creds, NamespaceImpl ns, String path, int mode, boolean synthetic)
            throws ErrnoException {
        if (path == null || path.isEmpty()) {
            throw Errno.ENOENT.exception("\"\"");
        }
        try {
            List<Integer> ends = componentEnds(path);
            for (int i = 0; i < ends.size(); i++) {
                boolean last = i == ends.size() - 1;
                String prefix = path.substring(0, ends.get(i));
                Walk w = rootWalk(creds, ns).begin(ns.root, ns.root.root, prefix);
                try {
                    w.resolve(true);
                    if (!w.d.isDir() && !(synthetic && last)) {
                        throw Errno.ENOTDIR.exception(prefix);
                    }
                    continue;
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.ENOENT) {
                        throw e;
                    }
                }
                w = rootWalk(creds, ns).begin(ns.root, ns.root.root, prefix);
                w.walkToParent();
                if (w.lastKind != Walk.LAST_NORM) {
                    throw Errno.ENOENT.exception(prefix);
                }
                mkdirOne(creds, w, w.lastName(), synthetic ? 0777 : mode, synthetic, prefix);
            }
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "mkdir -p " + path);
        }
    }

    /** Ends of each component of a path (for prefixes). */
    private static List<Integer> componentEnds(String p) {
        List<Integer> out = new ArrayList<>();
        int n = p.length();
        int i = 0;
        while (i < n) {
            while (i < n && p.charAt(i) == '/') {
                i++;
            }
            int e = i;
            while (e < n && p.charAt(e) != '/') {
                e++;
            }
            if (e > i) {
                out.add(e);
            }
            i = e;
        }
        if (out.isEmpty()) {
            out.add(n);
        }
        return out;
    }

    private void mkdirOne(Credentials creds, Walk w, String name, int mode, boolean synthetic, String path)
            throws ErrnoException {
        Dentry dir = w.d;
        dir.lock.lock();
        try {
            Dentry existing = Walk.lookupLocked(dir, name, null);
            if (existing != null) {
                return;
            }
            if (dir.dead) {
                throw Errno.ENOENT.exception(path);
            }
            if (dir.synthetic) {
                addSyntheticLocked(creds, dir, name);
                return;
            }
            Stat pst = dir.node.stat();
            NodeAttrs attrs = Perms.newNodeAttrs(creds, pst, FileType.DIRECTORY.bits(), mode & 07777, 0, 0, 0);
            try {
                if (w.m.readOnly()) {
                    throw Errno.EROFS.exception(path);
                }
                if (!Perms.permitted(creds, pst, Perms.MAY_WRITE | Perms.MAY_EXEC)) {
                    throw Errno.EACCES.exception(path);
                }
                Node n = dir.node.mkdir(name, attrs);
                dir.children.putLocked(new Dentry(n, dir.fs, FileType.DIRECTORY.bits(), dir, name, false));
            } catch (ErrnoException e) {
                Errno en = e.errno();
                if (synthetic && (en == Errno.EPERM || en == Errno.EROFS || en == Errno.EACCES)) {
                    addSyntheticLocked(creds, dir, name);
                    return;
                }
                throw e.withContext(path);
            }
        } finally {
            dir.lock.unlock();
        }
    }

    private static void addSyntheticLocked(Credentials creds, Dentry dir, String name) {
        Dentry sd = new Dentry(new SyntheticDir(creds.uid(), creds.gid()), dir.fs, FileType.DIRECTORY.bits(),
                dir, name, true);
        dir.children.putLocked(sd);
    }
    /** Task.mount: new filesystem, MS_BIND (optionally MS_REC) or MS_REMOUNT. */
    void taskMount(TaskImpl t, String source, String target, String type, int flags, String data) throws ErrnoException {
        try {
            Walk w = t.resolveAt(AtFlags.AT_FDCWD, target, true, 0);
            Credentials c = t.credentials();
            if ((flags & MountFlags.MS_REMOUNT) != 0) {
                if (!c.has(Capability.CAP_SYS_ADMIN)) {
                    throw Errno.EPERM.exception("mount " + target + ": CAP_SYS_ADMIN required");
                }
                if (w.d != w.m.root) {
                    throw Errno.EINVAL.exception("remount " + target + ": not a mount point");
                }
                setFlags(w.m, flags);
                return;
            }
            if ((flags & MountFlags.MS_BIND) != 0) {
                bindMount(t, c, source, w, flags);
                return;
            }
            MountImpl m = vfs.newMount(c, MountRequest.user(source, type, flags, data));
            attachOrFree(m, w.m, w.d, target);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "mount " + target);
        }
    }

    private void bindMount(TaskImpl t, Credentials c, String source, Walk target, int flags) throws ErrnoException {
        if (!c.has(Capability.CAP_SYS_ADMIN)) {
            throw Errno.EPERM.exception("mount --bind " + source + ": CAP_SYS_ADMIN required");
        }
        Walk s = t.resolveAt(AtFlags.AT_FDCWD, source, true, 0);
        MountImpl m = vfs.newMountOf(s.m.fsi, s.d, s.m.source(), s.m.flags());
        attachOrFree(m, target.m, target.d, target.origPath);
        if ((flags & MountFlags.MS_REC) != 0) {
            copySubmounts(s.m, s.d, m);
        }
    }

    /** Task.umount: the mount whose root {@code target} resolves to. */
    void taskUmount(TaskImpl t, String target, int flags) throws ErrnoException {
        Walk w;
        try {
            w = t.resolveAt(AtFlags.AT_FDCWD, target, true, 0);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "umount " + target);
        }
        umount(t.credentials(), t.ns, w.m, w.d, target, flags);
    }
}
