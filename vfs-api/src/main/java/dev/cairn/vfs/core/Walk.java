package dev.cairn.vfs.core;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.spi.Node;

/**
 * One path resolution (Linux's nameidata): the current position (mount, dentry), the rest
 * of the path, the symlink count and, after {@link #walkToParent()}, the last component.
 * Scans the path in place (no splitting); cached lookups allocate nothing.
 *
 * <p>Thread confinement: a walk belongs to the thread that made it, so its mutable fields
 * need no lock; the dentries and mounts it reads are published through volatile fields.
 */
final class Walk {
    static final int MAX_SYMLINKS = 40;
    static final int NAME_MAX = 255;
    static final int PATH_MAX = 4096;

    static final int LAST_NONE = 0;
    static final int LAST_NORM = 1;
    static final int LAST_DOT = 2;
    static final int LAST_DOTDOT = 3;

    final CoreVfs vfs;
    final Credentials creds;
    private final boolean searchAll;
    final MountImpl rootM;
    final Dentry rootD;

    MountImpl m;
    Dentry d;

    /** The path as the caller gave it, for messages. */
    String origPath;
    private String path;
    private int pos;
    private int symlinks;

    int lastStart;
    int lastEnd;
    int lastKind;
    boolean trailing;

    /** String hash of the last component. */
    int lastHash;
    /** String hash of the component being stepped into. */
    private int compHash;

    Walk(CoreVfs vfs, Credentials creds, MountImpl rootM, Dentry rootD) {
        this(vfs, creds, Perms.searchesAll(creds), rootM, rootD);
    }

    Walk(CoreVfs vfs, Credentials creds, boolean searchAll, MountImpl rootM, Dentry rootD) {
        this.vfs = vfs;
        this.creds = creds;
        this.searchAll = searchAll;
        this.rootM = rootM;
        this.rootD = rootD;
    }

    /** Starts resolving {@code p} relative to (sm, sd) (absolute paths start at the root). */
    Walk begin(MountImpl sm, Dentry sd, String p) throws ErrnoException {
        if (p == null || p.isEmpty()) {
            throw Errno.ENOENT.exception("\"\"");
        }
        int n = p.length();
        if (n >= PATH_MAX || (n * 3 >= PATH_MAX && Utf8.length(p, 0, n) >= PATH_MAX)) {
            throw Errno.ENAMETOOLONG.exception(abbreviate(p));
        }
        origPath = p;
        path = p;
        pos = 0;
        symlinks = 0;
        if (p.charAt(0) == '/') {
            m = rootM;
            d = rootD;
        } else {
            m = sm;
            d = sd;
        }
        return this;
    }

    private static String abbreviate(String p) {
        return p.length() > 64 ? p.substring(0, 60) + "..." : p;
    }

    String lastName() {
        return path.substring(lastStart, lastEnd);
    }

    /**
     * Walks every component but the last, following symlinks and mounts, and records the
     * last one ({@link #lastKind} is {@link #LAST_NONE} for "/" and the like). As Linux's
     * link_path_walk, the directory holding the last component is checked too: it must be
     * a directory (ENOTDIR) the caller may search (EACCES).
     */
    void walkToParent() throws ErrnoException {
        for (;;) {
            final int len = path.length();
            int i = pos;
            while (i < len && path.charAt(i) == '/') {
                i++;
            }
            if (i == len) {
                lastKind = LAST_NONE;
                trailing = len > 0;
                pos = i;
                return;
            }
            int e = i;
            int h = 0;
            char ch;
            while (e < len && (ch = path.charAt(e)) != '/') {
                h = 31 * h + ch;
                e++;
            }
            if (e - i > NAME_MAX / 3 && Utf8.length(path, i, e) > NAME_MAX) {
                throw Errno.ENAMETOOLONG.exception(abbreviate(origPath));
            }
            int next = e;
            while (next < len && path.charAt(next) == '/') {
                next++;
            }
            if (next == len) {
                lastStart = i;
                lastEnd = e;
                trailing = next > e;
                lastKind = kind(i, e);
                lastHash = h;
                pos = next;
                mayLookup();
                return;
            }
            pos = next;
            compHash = h;
            step(i, e, next, true, false);
        }
    }

    /** Resolves the whole path; the final symlink is followed when {@code follow}. */
    void resolve(boolean follow) throws ErrnoException {
        for (;;) {
            walkToParent();
            if (lastKind == LAST_NONE) {
                break;
            }
            compHash = lastHash;
            if (!step(lastStart, lastEnd, pos, follow || trailing, true)) {
                break;
            }
        }
        if (trailing && !d.isDir()) {
            throw Errno.ENOTDIR.exception(origPath);
        }
    }

    /**
     * One component from the current directory. Returns true when it was a symlink whose
     * target replaced the path (the position stays at the symlink's directory).
     */
    boolean step(int s, int e, int rest, boolean follow, boolean last) throws ErrnoException {
        if (!last) {
            mayLookup();
        }
        int k = kind(s, e);
        if (k == LAST_DOT) {
            return false;
        }
        if (k == LAST_DOTDOT) {
            dotdot();
            return false;
        }
        Dentry child = child(d, s, e);
        MountImpl cm = m;
        while (child.mountsHere.length != 0) {
            MountImpl top = child.mountedFrom(cm);
            if (top == null) {
                break;
            }
            cm = top;
            child = top.root;
        }
        if (child.isSymlink() && follow) {
            followSymlink(child, rest, last);
            return true;
        }
        m = cm;
        d = child;
        return false;
    }

    /** Search permission on the current directory (and that it is one). */
    void mayLookup() throws ErrnoException {
        if (!d.isDir()) {
            throw Errno.ENOTDIR.exception(origPath);
        }
        if (searchAll) {
            return;
        }
        Stat st = d.node.stat();
        if (!Perms.permitted(creds, st, Perms.MAY_EXEC)) {
            throw Errno.EACCES.exception(origPath);
        }
    }

    /** Replaces the path with the target of {@code link}, the last component (O_CREAT). */
    void followLast(Dentry link) throws ErrnoException {
        followSymlink(link, pos, true);
    }

    private void followSymlink(Dentry link, int rest, boolean last) throws ErrnoException {
        if (++symlinks > MAX_SYMLINKS) {
            throw Errno.ELOOP.exception(origPath);
        }
        String target = link.node.readlink();
        if (target == null || target.isEmpty()) {
            throw Errno.ENOENT.exception(origPath);
        }
        String tail = path.substring(rest);
        if (last) {
            path = trailing ? target + "/" : target;
        } else {
            path = tail.isEmpty() ? target : target + "/" + tail;
        }
        pos = 0;
        if (target.charAt(0) == '/') {
            m = rootM;
            d = rootD;
        }
    }

    /** "..": stays at the task root, climbs out of mount roots to the mount point. */
    void dotdot() {
        if (m == rootM && d == rootD) {
            return;
        }
        while (d == m.root) {
            MountImpl p = m.parentMount();
            if (p == null || !m.isAttached()) {
                return;
            }
            d = m.mountpointDentry();
            m = p;
            if (m == rootM && d == rootD) {
                return;
            }
        }
        Dentry p = d.parent;
        if (p != null) {
            d = p;
        }
        crossMounts();
    }

    /** Moves to the topmost mount stacked on the current dentry. */
    void crossMounts() {
        while (d.mountsHere.length != 0) {
            MountImpl top = d.mountedFrom(m);
            if (top == null) {
                return;
            }
            m = top;
            d = top.root;
        }
    }

    private int kind(int s, int e) {
        int n = e - s;
        if (n == 1 && path.charAt(s) == '.') {
            return LAST_DOT;
        }
        if (n == 2 && path.charAt(s) == '.' && path.charAt(s + 1) == '.') {
            return LAST_DOTDOT;
        }
        return LAST_NORM;
    }

    /** The cached or looked-up child {@code path[s,e)} of {@code dir}; ENOENT when absent. */
    private Dentry child(Dentry dir, int s, int e) throws ErrnoException {
        Dentry c = dir.children.get(path, s, e, compHash);
        if (c != null && (!dir.fs.revalidates || c.synthetic || dir.node.revalidate(c.name, c.node))) {
            return c;
        }
        Dentry found = lookupSlow(dir, path.substring(s, e), c);
        if (found == null) {
            throw Errno.ENOENT.exception(origPath);
        }
        return found;
    }

    /** The last component as a child of the current directory, or null when absent. */
    Dentry lastChild() throws ErrnoException {
        Dentry c = d.children.get(path, lastStart, lastEnd, lastHash);
        if (c != null && (!d.fs.revalidates || c.synthetic || d.node.revalidate(c.name, c.node))) {
            return c;
        }
        return lookupSlow(d, lastName(), c);
    }

    /**
     * Takes the directory's lock and looks {@code name} up, caching it; null when absent.
     * {@code stale} is a cached dentry that failed revalidation, dropped here.
     */
    static Dentry lookupSlow(Dentry dir, String name, Dentry stale) throws ErrnoException {
        dir.lock.lock();
        try {
            return lookupLocked(dir, name, stale);
        } finally {
            dir.lock.unlock();
        }
    }

    /** As {@link #lookupSlow} with the directory's lock already held. */
    static Dentry lookupLocked(Dentry dir, String name, Dentry stale) throws ErrnoException {
        if (dir.dead) {
            return null;
        }
        Dentry c = dir.children.get(name);
        if (c != null && c != stale) {
            return c;
        }
        if (c != null && !c.isMountpoint()) {
            dir.children.removeLocked(c);
        } else if (c != null) {
            return c;
        }
        Node n;
        try {
            n = dir.node.lookup(name);
        } catch (ErrnoException ex) {
            if (ex.errno() == Errno.ENOENT) {
                return null;
            }
            throw ex;
        }
        if (n == null) {
            return null;
        }
        Dentry nd = new Dentry(n, dir.fs, n.stat().mode() & FileType.S_IFMT, dir, name, false);
        dir.children.putLocked(nd);
        return nd;
    }
}
