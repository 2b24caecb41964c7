package dev.cairn.fs.devtmpfs;

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
 * A devtmpfs directory. Entries live in two concurrent maps (by name for lookup, by cookie
 * for readdir in creation order), read without locking; every change of entries, in any
 * directory, holds the filesystem's {@link DevFilesystem#tree} lock, so that operations on
 * two or three directories (rename, rmdir) need no lock ordering.
 */
final class DevDirectory extends DevNode {
    /** Linux tmpfs counts this many bytes of size per entry (BOGO_DIRENT_SIZE). */
    private static final int DIRENT_SIZE = 20;
    private static final OpenFile HANDLE = new OpenFile() {
    };

    private record Entry(String name, DevNode node, long cookie) {
    }

    private final ConcurrentHashMap<String, Entry> byName = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Entry> byCookie = new ConcurrentSkipListMap<>();
    /** The next readdir cookie; guarded by fs.tree. */
    private long nextCookie = 1;
    /** Made by devtmpfs for a nested device name (removed again when empty). */
    final boolean managed;

    DevDirectory(DevFilesystem fs, int perms, int uid, int gid, boolean managed) {
        super(fs, FileType.DIRECTORY.bits() | (perms & 07777), uid, gid, 2);
        this.managed = managed;
    }

    @Override
    long size() {
        return (2L + byName.size()) * DIRENT_SIZE;
    }

    /** The child called {@code name}, or null. */
    DevNode child(String name) {
        Entry e = byName.get(name);
        return e == null ? null : e.node;
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    @Override
    public Node lookup(String name) throws ErrnoException {
        DevNode n = child(name);
        if (n == null) {
            throw Errno.ENOENT.exception(name);
        }
        return n;
    }

    @Override
    public boolean revalidate(String name, Node child) {
        return child(name) == child;
    }

    @Override
    public void readdir(long cookie, DirentSink sink) {
        for (Entry e : byCookie.tailMap(cookie, false).values()) {
            if (!sink.accept(e.name, e.node.ino, e.node.type(), e.cookie)) {
                return;
            }
        }
    }

    @Override
    public OpenFile open(int flags, Credentials credentials) {
        return HANDLE;
    }

    // ---- creation ------------------------------------------------------------------

    @FunctionalInterface
    private interface Maker<T extends DevNode> {
        T make() throws ErrnoException;
    }

    /** Adds a new node under {@code name}, taking an inode from the budget. */
    private <T extends DevNode> T add(String name, Maker<T> maker) throws ErrnoException {
        T node;
        synchronized (fs.tree) {
            requireLiveLocked(name);
            if (byName.containsKey(name)) {
                throw Errno.EEXIST.exception(name);
            }
            fs.reserveInode(name);
            try {
                node = maker.make();
            } catch (ErrnoException | RuntimeException e) {
                fs.releaseInode();
                throw e;
            }
            putLocked(name, node);
            if (node.isDirectory()) {
                adjustLinks(1);
            }
        }
        touchModified();
        return node;
    }

    /** A removed directory takes no new entries (Linux: ENOENT). */
    private void requireLiveLocked(String name) throws ErrnoException {
        if (links() == 0) {
            throw Errno.ENOENT.exception(name + ": directory was removed");
        }
    }

    private void putLocked(String name, DevNode node) {
        Entry e = new Entry(name, node, nextCookie++);
        byName.put(name, e);
        byCookie.put(e.cookie, e);
    }

    private void removeLocked(String name) {
        Entry e = byName.remove(name);
        if (e != null) {
            byCookie.remove(e.cookie);
        }
    }

    @Override
    public Node create(String name, NodeAttrs attrs) throws ErrnoException {
        return add(name, () -> new DevRegularFile(fs, attrs.mode() & 07777, attrs.uid(), attrs.gid()));
    }

    @Override
    public Node mkdir(String name, NodeAttrs attrs) throws ErrnoException {
        return add(name, () -> new DevDirectory(fs, attrs.mode(), attrs.uid(), attrs.gid(), false));
    }

    /** mkdir by devtmpfs itself for a nested device name: owner 0:0, 0755, managed. */
    DevDirectory mkdirManaged(String name) throws ErrnoException {
        return add(name, () -> new DevDirectory(fs, 0755, 0, 0, true));
    }

    @Override
    public Node symlink(String name, String target, NodeAttrs attrs) throws ErrnoException {
        if (target == null || target.isEmpty()) {
            throw Errno.ENOENT.exception(name + ": empty symlink target");
        }
        return add(name, () -> new DevSymlink(fs, target, attrs.uid(), attrs.gid()));
    }

    @Override
    public Node mknod(String name, NodeAttrs attrs) throws ErrnoException {
        int type = attrs.mode() & FileType.S_IFMT;
        if (type == 0 || type == FileType.REGULAR.bits()) {
            return create(name, attrs);
        }
        if (type == FileType.DIRECTORY.bits()) {
            throw Errno.EPERM.exception(name + ": mknod of a directory");
        }
        if (type == FileType.SYMLINK.bits() || DevSpecialNode.typeOf(type) == null) {
            throw Errno.EINVAL.exception(name + ": mknod mode 0" + Integer.toOctalString(attrs.mode()));
        }
        return add(name, () -> new DevSpecialNode(fs, attrs.mode(), attrs.uid(), attrs.gid(),
                attrs.rdevMajor(), attrs.rdevMinor(), false));
    }

    /** A character-device node made by devtmpfs for a registered device. */
    DevSpecialNode mknodManaged(String name, int perms, int major, int minor) throws ErrnoException {
        return add(name, () -> new DevSpecialNode(fs, FileType.CHAR_DEVICE.bits() | (perms & 07777), 0, 0,
                major, minor, true));
    }

    @Override
    public void link(String name, Node target) throws ErrnoException {
        if (!(target instanceof DevNode node) || node.fs != fs) {
            throw Errno.EXDEV.exception(name);
        }
        if (node.isDirectory()) {
            throw Errno.EPERM.exception(name + ": hard link to a directory");
        }
        synchronized (fs.tree) {
            requireLiveLocked(name);
            if (byName.containsKey(name)) {
                throw Errno.EEXIST.exception(name);
            }
            if (node.links() == 0) {
                throw Errno.ENOENT.exception(name + ": link target was removed");
            }
            putLocked(name, node);
            node.adjustLinks(1);
        }
        touchModified();
    }

    // ---- removal -------------------------------------------------------------------

    @Override
    public void unlink(String name, Node child) throws ErrnoException {
        DevNode node;
        synchronized (fs.tree) {
            node = expectLocked(name, child);
            if (node.isDirectory()) {
                throw Errno.EISDIR.exception(name);
            }
            removeLocked(name);
        }
        node.adjustLinks(-1);
        touchModified();
    }

    @Override
    public void rmdir(String name, Node child) throws ErrnoException {
        DevNode node;
        synchronized (fs.tree) {
            node = expectLocked(name, child);
            if (!(node instanceof DevDirectory dir)) {
                throw Errno.ENOTDIR.exception(name);
            }
            if (!dir.isEmpty()) {
                throw Errno.ENOTEMPTY.exception(name);
            }
            removeLocked(name);
            dir.dropAllLinks();
            adjustLinks(-1);
        }
        touchModified();
    }

    private DevNode expectLocked(String name, Node child) throws ErrnoException {
        Entry e = byName.get(name);
        if (e == null || (child != null && e.node != child)) {
            throw Errno.ENOENT.exception(name);
        }
        return e.node;
    }

    // ---- rename --------------------------------------------------------------------

    @Override
    public void rename(String oldName, Node child, Node newParent, String newName, Node replaced, int flags)
            throws ErrnoException {
        if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE)) != 0
                || flags == (RENAME_NOREPLACE | RENAME_EXCHANGE)) {
            throw Errno.EINVAL.exception(oldName + ": rename flags " + flags);
        }
        if (!(newParent instanceof DevDirectory dst) || dst.fs != fs) {
            throw Errno.EXDEV.exception(oldName);
        }
        synchronized (fs.tree) {
            renameLocked(oldName, child, dst, newName, replaced, flags);
        }
        touchModified();
        if (dst != this) {
            dst.touchModified();
        }
    }

    private void renameLocked(String oldName, Node child, DevDirectory dst, String newName, Node replaced,
                              int flags) throws ErrnoException {
        DevNode moving = expectLocked(oldName, child);
        dst.requireLiveLocked(newName);
        DevNode existing = dst.child(newName);
        if (existing != replaced) {
            if (existing != null && (flags & RENAME_NOREPLACE) != 0) {
                throw Errno.EEXIST.exception(newName);
            }
            throw Errno.ENOENT.exception(newName + ": changed during rename");
        }
        if (existing == moving) {
            return;
        }
        if ((flags & RENAME_EXCHANGE) != 0) {
            exchangeLocked(oldName, moving, dst, newName, existing);
            return;
        }
        if (existing != null && (flags & RENAME_NOREPLACE) != 0) {
            throw Errno.EEXIST.exception(newName);
        }
        if (existing != null) {
            dropReplacedLocked(dst, newName, existing);
        }
        removeLocked(oldName);
        dst.putLocked(newName, moving);
        if (moving.isDirectory() && dst != this) {
            adjustLinks(-1);
            dst.adjustLinks(1);
        }
        moving.touchChanged();
    }

    private static void dropReplacedLocked(DevDirectory dst, String newName, DevNode existing)
            throws ErrnoException {
        if (existing instanceof DevDirectory victim) {
            if (!victim.isEmpty()) {
                throw Errno.ENOTEMPTY.exception(newName);
            }
            dst.removeLocked(newName);
            victim.dropAllLinks();
            dst.adjustLinks(-1);
        } else {
            dst.removeLocked(newName);
            existing.adjustLinks(-1);
        }
    }

    private void exchangeLocked(String oldName, DevNode moving, DevDirectory dst, String newName, DevNode other)
            throws ErrnoException {
        if (other == null) {
            throw Errno.ENOENT.exception(newName);
        }
        removeLocked(oldName);
        dst.removeLocked(newName);
        putLocked(oldName, other);
        dst.putLocked(newName, moving);
        if (dst != this) {
            if (moving.isDirectory()) {
                adjustLinks(-1);
                dst.adjustLinks(1);
            }
            if (other.isDirectory()) {
                dst.adjustLinks(-1);
                adjustLinks(1);
            }
        }
        moving.touchChanged();
        other.touchChanged();
    }
}
