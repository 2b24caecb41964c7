package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.spi.DirentSink;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.NodeAttrs;
import dev.cairn.vfs.spi.OpenFile;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A tmpfs directory. Entries live in two concurrent maps: by name for lookup and by a
 * per-directory sequence number for readdir. The sequence number of an entry is its readdir
 * cookie; it only grows, so a listing resumed after cookie c returns exactly the entries added
 * after c plus those older than c that are still there — entries present for the whole listing
 * appear once, whatever is added or removed meanwhile.
 *
 * <p>Locking: mutations of one directory hold its monitor (the core serialises them already;
 * the monitor also orders them against {@link TmpfsRename}). Operations that involve two
 * directories (rmdir, rename) first take the filesystem's tree lock, then the directories'
 * monitors in inode order; single-directory operations take only their own monitor, so no
 * cycle is possible. Node attribute monitors are leaves. lookup and readdir take no lock.
 */
final class TmpfsDirectory extends TmpfsNode {
    /** Linux tmpfs counts 20 bytes per entry (BOGO_DIRENT_SIZE) and 2 for "." and "..". */
    static final int BOGO_DIRENT_SIZE = 20;
    /** First cookie handed out (0 means "from the start"). */
    private static final long FIRST_SEQ = 1;

    private final ConcurrentHashMap<String, TmpfsDirEntry> byName = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, TmpfsDirEntry> bySeq = new ConcurrentSkipListMap<>();
    /** Guarded by this. */
    private long nextSeq = FIRST_SEQ;
    /** Set (under this) when the directory is removed; creation in it then fails. */
    private volatile boolean removed;

    TmpfsDirectory(TmpfsFilesystem fs, int mode, int uid, int gid) {
        super(fs, (mode & 07777) | FileType.DIRECTORY.bits(), uid, gid, 2);
    }

    @Override
    FileType fileType() {
        return FileType.DIRECTORY;
    }

    @Override
    long size() {
        return (long) BOGO_DIRENT_SIZE * (2 + byName.size());
    }

    @Override
    void truncate(long size) throws ErrnoException {
        throw Errno.EISDIR.exception("truncate: inode " + ino + " is a directory");
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    boolean removed() {
        return removed;
    }

    /** Marks this (empty, checked by the caller under the tree lock) directory as gone. */
    synchronized void markRemoved() throws ErrnoException {
        if (!byName.isEmpty()) {
            throw Errno.ENOTEMPTY.exception("directory inode " + ino + " is not empty");
        }
        removed = true;
        setLinks(0);
    }

    TmpfsDirEntry entry(String name) {
        return byName.get(name);
    }

    /** Adds an entry; the caller holds this monitor and has checked the name is free. */
    void putLocked(String name, TmpfsNode node) {
        TmpfsDirEntry e = new TmpfsDirEntry(name, node, nextSeq++);
        byName.put(name, e);
        bySeq.put(e.seq(), e);
    }

    /** Removes an entry; the caller holds this monitor. */
    void removeLocked(TmpfsDirEntry e) {
        byName.remove(e.name(), e);
        bySeq.remove(e.seq(), e);
    }

    // ---- lookup and listing -----------------------------------------------------------

    @Override
    public Node lookup(String name) throws ErrnoException {
        TmpfsDirEntry e = byName.get(name);
        if (e == null) {
            throw new TmpfsNoEntry(name);
        }
        return e.node();
    }

    /** Listing a removed directory fails with ENOENT, as Linux tmpfs (even "." and ".."). */
    @Override
    public void readdir(long cookie, DirentSink sink) throws ErrnoException {
        if (removed) {
            throw Errno.ENOENT.exception("directory inode " + ino + " was removed");
        }
        for (TmpfsDirEntry e : bySeq.tailMap(cookie, false).values()) {
            TmpfsNode n = e.node();
            if (!sink.accept(e.name(), n.ino, n.fileType(), e.seq())) {
                break;
            }
        }
    }

    @Override
    public OpenFile open(int flags, Credentials credentials) {
        return TmpfsDirectoryHandle.INSTANCE;
    }

    // ---- creation ---------------------------------------------------------------------

    private void checkFreeLocked(String name) throws ErrnoException {
        if (removed) {
            throw Errno.ENOENT.exception(name + ": directory was removed");
        }
        if (byName.containsKey(name)) {
            throw Errno.EEXIST.exception(name);
        }
    }

    /** Reserves an inode, builds the node of the requested type and links it in. */
    private TmpfsNode add(String name, NodeAttrs attrs, FileType expected, String symlinkTarget)
            throws ErrnoException {
        synchronized (this) {
            checkFreeLocked(name);
            fs.reserveInode(name);
            TmpfsNode node;
            try {
                node = newNode(attrs, expected, symlinkTarget);
            } catch (ErrnoException | RuntimeException ex) {
                fs.releaseInode();
                throw ex;
            }
            putLocked(name, node);
            if (node instanceof TmpfsDirectory) {
                addLinks(1);
            }
            touchModified();
            return node;
        }
    }

    private TmpfsNode newNode(NodeAttrs a, FileType expected, String target) throws ErrnoException {
        // mknod(2): a zero file type means a regular file
        FileType t = (a.mode() & FileType.S_IFMT) == 0 ? FileType.REGULAR : FileType.ofMode(a.mode());
        if (expected != null && t != expected) {
            t = expected;
        }
        int perm = a.mode() & 07777;
        if (t == FileType.REGULAR) {
            return new TmpfsFile(fs, perm, a.uid(), a.gid());
        }
        if (t == FileType.DIRECTORY) {
            if (expected != FileType.DIRECTORY) {
                throw Errno.EPERM.exception("mknod cannot create a directory");
            }
            return new TmpfsDirectory(fs, perm, a.uid(), a.gid());
        }
        if (t == FileType.SYMLINK) {
            if (target == null) {
                throw Errno.EINVAL.exception("mknod cannot create a symlink");
            }
            return new TmpfsSymlink(fs, target, a.uid(), a.gid());
        }
        if (t == FileType.CHAR_DEVICE || t == FileType.BLOCK_DEVICE) {
            return new TmpfsDeviceNode(fs, t, perm, a.uid(), a.gid(), a.rdevMajor(), a.rdevMinor());
        }
        return new TmpfsSpecialNode(fs, t, perm, a.uid(), a.gid());
    }

    @Override
    public Node create(String name, NodeAttrs attrs) throws ErrnoException {
        return add(name, attrs, FileType.REGULAR, null);
    }

    @Override
    public Node mkdir(String name, NodeAttrs attrs) throws ErrnoException {
        return add(name, attrs, FileType.DIRECTORY, null);
    }

    @Override
    public Node symlink(String name, String target, NodeAttrs attrs) throws ErrnoException {
        if (target == null || target.isEmpty()) {
            throw Errno.ENOENT.exception(name + ": empty symlink target");
        }
        return add(name, attrs, FileType.SYMLINK, target);
    }

    @Override
    public Node mknod(String name, NodeAttrs attrs) throws ErrnoException {
        return add(name, attrs, null, null);
    }

    @Override
    public void link(String name, Node target) throws ErrnoException {
        if (!(target instanceof TmpfsNode t) || t.fs != fs) {
            throw Errno.EXDEV.exception(name + ": link target is on another filesystem");
        }
        if (t instanceof TmpfsDirectory) {
            throw Errno.EPERM.exception(name + ": hard link to a directory");
        }
        synchronized (this) {
            checkFreeLocked(name);
            if (t.nlink() == 0) {
                throw Errno.ENOENT.exception(name + ": link target was removed");
            }
            fs.reserveInode(name);
            putLocked(name, t);
            t.addLinks(1);
            touchModified();
        }
    }

    // ---- removal ----------------------------------------------------------------------

    @Override
    public void unlink(String name, Node child) throws ErrnoException {
        TmpfsNode gone;
        synchronized (this) {
            TmpfsDirEntry e = byName.get(name);
            if (e == null || (child != null && e.node() != child)) {
                throw Errno.ENOENT.exception(name);
            }
            if (e.node() instanceof TmpfsDirectory) {
                throw Errno.EISDIR.exception(name);
            }
            removeLocked(e);
            touchModified();
            gone = e.node();
        }
        gone.dropLink();
    }

    @Override
    public void rmdir(String name, Node child) throws ErrnoException {
        synchronized (fs.treeLock()) {
            synchronized (this) {
                TmpfsDirEntry e = byName.get(name);
                if (e == null || (child != null && e.node() != child)) {
                    throw Errno.ENOENT.exception(name);
                }
                if (!(e.node() instanceof TmpfsDirectory d)) {
                    throw Errno.ENOTDIR.exception(name);
                }
                d.markRemoved();
                removeLocked(e);
                addLinks(-1);
                touchModified();
                d.freeInode();
            }
        }
    }

    @Override
    public void rename(String oldName, Node child, Node newParent, String newName, Node replaced, int flags)
            throws ErrnoException {
        TmpfsRename.rename(this, oldName, child, newParent, newName, replaced, flags);
    }
}
