package dev.cairn.fs.gofer.client;

import dev.cairn.fs.gofer.p9.Attr;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.StatFs;
import dev.cairn.vfs.spi.Filesystem;
import dev.cairn.vfs.spi.Node;
import java.lang.ref.Cleaner;
import java.util.List;

/**
 * One {@code 9p} mount's superblock: the client session, the cache mode, and the root node.
 * Each node holds its own walked fid; a node that becomes unreachable has its fid clunked by
 * a {@link Cleaner}, and {@link #release()} closes the session (the server drops all fids).
 */
final class P9Filesystem implements Filesystem {
    private static final Cleaner CLEANER = Cleaner.create();

    final P9Client client;
    final MountConfig config;
    /** File data cache (fscache mode only; null with remote_revalidating). */
    final PageCache pages;
    private final String superOptions;
    private final P9Node root;

    P9Filesystem(P9Client client, int rootFid, MountConfig config, String superOptions) throws ErrnoException {
        this.client = client;
        this.config = config;
        this.superOptions = superOptions;
        this.pages = config.cache() == MountConfig.CacheMode.FSCACHE ? new PageCache(config.cacheLimit()) : null;
        Attr a = client.call(new Tgetattr(rootFid, Attr.BASIC), Rgetattr.class, "9p: getattr of the root").attr();
        this.root = P9Node.of(this, rootFid, "/", a);
    }

    boolean cached() {
        return config.cache() == MountConfig.CacheMode.FSCACHE;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public StatFs statfs() throws ErrnoException {
        Rstatfs s = client.call(new Tstatfs(root.fid), Rstatfs.class, "statfs");
        long type = Integer.toUnsignedLong(s.fsType());
        return new StatFs(type == 0 ? StatFs.V9FS_MAGIC : type, Integer.toUnsignedLong(s.bsize()), s.blocks(),
                s.bfree(), s.bavail(), s.files(), s.ffree(), Integer.toUnsignedLong(s.namelen()), 0);
    }

    @Override
    public String superOptions() {
        return superOptions;
    }

    @Override
    public boolean revalidates() {
        return !cached();
    }

    @Override
    public void release() {
        if (pages != null) {
            pages.clear();
        }
        client.close();
    }

    /** Clunks {@code fid} when {@code owner} becomes unreachable (unless the session is gone). */
    void clunkWhenUnreachable(Object owner, int fid) {
        P9Client c = client;
        CLEANER.register(owner, () -> clunkAsync(c, fid));
    }

    /** Sends Tclunk without waiting; the fid number is reused only after the server's answer. */
    static void clunkAsync(P9Client c, int fid) {
        if (c.isBroken()) {
            return;
        }
        try {
            c.submit(new Tclunk(fid)).whenComplete((m, e) -> c.releaseFid(fid));
        } catch (ErrnoException e) {
            // session gone: the server forgot the fid with it
        }
    }

    /** Walks {@code names} from {@code fid} to a new fid (ENOENT when the walk stops short). */
    int walk(int fid, List<String> names, String what) throws ErrnoException {
        return walkQid(fid, names, what, null);
    }

    /** As {@link #walk}, also giving the last qid in {@code lastQid[0]} when it is not null. */
    int walkQid(int fid, List<String> names, String what, dev.cairn.fs.gofer.p9.Qid[] lastQid)
            throws ErrnoException {
        int nf = client.newFid();
        Rwalk r;
        try {
            r = client.call(new Twalk(fid, nf, names), Rwalk.class, what);
        } catch (ErrnoException e) {
            client.releaseFid(nf);
            throw e;
        }
        if (r.qids().size() != names.size()) {
            client.releaseFid(nf);
            throw dev.cairn.vfs.Errno.ENOENT.exception(what);
        }
        if (lastQid != null && !r.qids().isEmpty()) {
            lastQid[0] = r.qids().get(r.qids().size() - 1);
        }
        return nf;
    }
}
