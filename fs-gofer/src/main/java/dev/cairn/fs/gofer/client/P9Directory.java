package dev.cairn.fs.gofer.client;

import dev.cairn.fs.gofer.p9.Attr;
import dev.cairn.fs.gofer.p9.DirEntry;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.fs.gofer.p9.Qid;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.spi.DirentSink;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.NodeAttrs;
import dev.cairn.vfs.spi.OpenFile;
import java.util.List;

/** A directory on the server: lookups are Twalk + Tgetattr, changes go to the server at once. */
final class P9Directory extends P9Node {
    private static final int READDIR_COUNT = 32 * 1024;

    /**
     * Server cookies that do not fit a non-negative loff_t (ext4 hash cookies can use all 64
     * bits) are given small stand-ins from {@link #MAPPED_BASE} up, remembered per directory.
     */
    private static final long MAPPED_BASE = 1L << 62;
    private final java.util.concurrent.ConcurrentHashMap<Long, Long> toServer = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<Long, Long> toClient = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextMapped = new java.util.concurrent.atomic.AtomicLong(MAPPED_BASE);

    P9Directory(P9Filesystem fs, int fid, String path, Attr attr) {
        super(fs, fid, path, attr);
    }

    private long clientCookie(long server) {
        if (server >= 0 && server < MAPPED_BASE) {
            return server;
        }
        return toClient.computeIfAbsent(server, s -> {
            long c = nextMapped.getAndIncrement();
            toServer.put(c, s);
            return c;
        });
    }

    private long serverCookie(long client) throws ErrnoException {
        if (client < MAPPED_BASE) {
            return client;
        }
        Long s = toServer.get(client);
        if (s == null) {
            throw Errno.EINVAL.exception("readdir " + path + ": unknown cookie " + client);
        }
        return s;
    }

    private String child(String name) {
        return path.endsWith("/") ? path + name : path + "/" + name;
    }

    @Override
    public Node lookup(String name) throws ErrnoException {
        String p = child(name);
        int f = fs.walk(fid, List.of(name), "lookup " + p);
        try {
            Attr a = fs.client.call(new Tgetattr(f, Attr.BASIC), Rgetattr.class, "stat " + p).attr();
            return P9Node.of(fs, f, p, a);
        } catch (ErrnoException e) {
            P9Filesystem.clunkAsync(fs.client, f);
            throw e;
        }
    }

    @Override
    public boolean revalidate(String name, Node child) throws ErrnoException {
        if (!(child instanceof P9Node c)) {
            return false;
        }
        // one walk: the entry still names the same file when its qid path and kind are unchanged
        // (attributes are fetched by stat itself in this mode)
        Qid[] q = new Qid[1];
        int f;
        try {
            f = fs.walkQid(fid, List.of(name), "revalidate " + child(name), q);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT || e.errno() == Errno.ENOTDIR) {
                return false;
            }
            throw e;
        }
        P9Filesystem.clunkAsync(fs.client, f);
        return q[0] != null && q[0].path() == c.qidPath() && qidKind(q[0]) == kind(c.fileTypeBits());
    }

    /** 0 file, 1 directory, 2 symlink: what a qid can tell about a file's type. */
    private static int qidKind(Qid q) {
        return q.isDirectory() ? 1 : q.isSymlink() ? 2 : 0;
    }

    private static int kind(int typeBits) {
        return typeBits == FileType.DIRECTORY.bits() ? 1 : typeBits == FileType.SYMLINK.bits() ? 2 : 0;
    }

    @Override
    public void readdir(long cookie, DirentSink sink) throws ErrnoException {
        int f = fs.walk(fid, List.of(), "readdir " + path);
        try {
            fs.client.call(new Tlopen(f, OpenFlags.O_NOATIME), Rlopen.class, "open " + path);
            long off = serverCookie(cookie);
            while (true) {
                List<DirEntry> es = fs.client.call(new Treaddir(f, off, READDIR_COUNT), Rreaddir.class,
                        "readdir " + path).entries();
                if (es.isEmpty()) {
                    return;
                }
                for (DirEntry e : es) {
                    off = e.offset();
                    if (e.name().equals(".") || e.name().equals("..")) {
                        continue;
                    }
                    if (!sink.accept(e.name(), e.qid().path(), direntType(e), clientCookie(e.offset()))) {
                        return;
                    }
                }
            }
        } finally {
            P9Filesystem.clunkAsync(fs.client, f);
        }
    }

    private static FileType direntType(DirEntry e) {
        for (FileType t : FileType.values()) {
            if (t.direntType() == e.type()) {
                return t;
            }
        }
        return (e.qid().type() & Qid.QTDIR) != 0 ? FileType.DIRECTORY : FileType.REGULAR;
    }

    /** After a create: the new child, owned by {@code attrs.uid} (the server made it ours). */
    private Node created(String name, NodeAttrs attrs) throws ErrnoException {
        invalidate();
        P9Node n = (P9Node) lookup(name);
        dropData(n);
        if (attrs.uid() != 0) {
            fs.client.call(new Tsetattr(n.fid, Tsetattr.UID, 0, attrs.uid(), 0, 0, 0, 0, 0, 0), Rsetattr.class,
                    "chown " + n.path);
            n.fetch();
        }
        return n;
    }

    /**
     * Tlcreate turns a clone of this directory's fid into the new file, opened read-only; that
     * fid becomes the new node's own (walks, getattr and setattr work on it; I/O always uses
     * fresh fids), which saves the walk a separate lookup would cost.
     */
    @Override
    public Node create(String name, NodeAttrs attrs) throws ErrnoException {
        String p = child(name);
        int f = fs.walk(fid, List.of(), "create " + p);
        P9Node n;
        try {
            fs.client.call(new Tlcreate(f, name, OpenFlags.O_RDONLY | OpenFlags.O_EXCL | OpenFlags.O_NOATIME,
                    attrs.mode() & 07777, attrs.gid()), Rlcreate.class, "create " + p);
            Attr a = fs.client.call(new Tgetattr(f, Attr.BASIC), Rgetattr.class, "stat " + p).attr();
            n = P9Node.of(fs, f, p, a);
        } catch (ErrnoException e) {
            P9Filesystem.clunkAsync(fs.client, f);
            throw e;
        }
        dropData(n); // a new file: whatever was cached under a reused qid is not its data
        invalidate();
        if (attrs.uid() != 0) {
            fs.client.call(new Tsetattr(n.fid, Tsetattr.UID, 0, attrs.uid(), 0, 0, 0, 0, 0, 0), Rsetattr.class,
                    "chown " + n.path);
            n.fetch();
        }
        return n;
    }

    @Override
    public Node mkdir(String name, NodeAttrs attrs) throws ErrnoException {
        fs.client.call(new Tmkdir(fid, name, attrs.mode() & 07777, attrs.gid()), Rmkdir.class, "mkdir " + child(name));
        return created(name, attrs);
    }

    @Override
    public Node symlink(String name, String target, NodeAttrs attrs) throws ErrnoException {
        fs.client.call(new Tsymlink(fid, name, target, attrs.gid()), Rsymlink.class, "symlink " + child(name));
        return created(name, attrs);
    }

    @Override
    public Node mknod(String name, NodeAttrs attrs) throws ErrnoException {
        fs.client.call(new Tmknod(fid, name, attrs.mode(), attrs.rdevMajor(), attrs.rdevMinor(), attrs.gid()),
                Rmknod.class, "mknod " + child(name));
        return created(name, attrs);
    }

    @Override
    public void link(String name, Node target) throws ErrnoException {
        P9Node t = (P9Node) target;
        fs.client.call(new Tlink(fid, t.fid, name), Rlink.class, "link " + child(name));
        t.invalidate();
        invalidate();
    }

    /** Tunlinkat, or for servers without it (diod) a walk to the entry and Tremove, as v9fs does. */
    private void remove(String name, int flags, String what) throws ErrnoException {
        try {
            fs.client.call(new Tunlinkat(fid, name, flags), Runlinkat.class, what);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EOPNOTSUPP && e.errno() != Errno.ENOSYS) {
                throw e;
            }
            int f = fs.walk(fid, List.of(name), what);
            try {
                fs.client.call(new Tremove(f), Rremove.class, what);
            } finally {
                fs.client.releaseFid(f);
            }
        }
    }

    @Override
    public void unlink(String name, Node child) throws ErrnoException {
        remove(name, 0, "unlink " + child(name));
        ((P9Node) child).invalidate();
        dropData(child);
        invalidate();
    }

    private static void dropData(Node n) {
        if (n instanceof P9RegularFile r) {
            r.dropData();
        }
    }

    @Override
    public void rmdir(String name, Node child) throws ErrnoException {
        remove(name, Tunlinkat.AT_REMOVEDIR, "rmdir " + child(name));
        invalidate();
    }

    @Override
    public void rename(String oldName, Node child, Node newParent, String newName, Node replaced, int flags)
            throws ErrnoException {
        if ((flags & RENAME_EXCHANGE) != 0) {
            throw Errno.EINVAL.exception("rename " + child(oldName) + ": RENAME_EXCHANGE is not in 9P2000.L");
        }
        P9Directory to = (P9Directory) newParent;
        String what = "rename " + child(oldName) + " to " + to.child(newName);
        try {
            fs.client.call(new Trenameat(fid, oldName, to.fid, newName), Rrenameat.class, what);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EOPNOTSUPP && e.errno() != Errno.ENOSYS) {
                throw e;
            }
            // servers without Trenameat (diod): the older Trename, as v9fs does, on a freshly
            // walked fid (the node's own may be an opened one, which diod refuses to rename)
            int f = fs.walk(fid, List.of(oldName), what);
            try {
                fs.client.call(new Trename(f, to.fid, newName), Rrename.class, what);
            } finally {
                P9Filesystem.clunkAsync(fs.client, f);
            }
        }
        ((P9Node) child).invalidate();
        if (replaced != null) {
            ((P9Node) replaced).invalidate();
            dropData(replaced);
        }
        invalidate();
        to.invalidate();
    }

    /** Directories are read through {@link #readdir}; an open needs nothing from the server. */
    @Override
    public OpenFile open(int flags, Credentials credentials) {
        return new OpenFile() {
        };
    }
}
