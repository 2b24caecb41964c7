package dev.cairn.vfs.tck.memfs;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.spi.DirentSink;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.NodeAttrs;
import dev.cairn.vfs.spi.OpenFile;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A memfs directory. Entries are keyed twice: by name, and by a per-directory sequence number
 * that only grows, which is the readdir cookie; so a listing resumes after the last entry it
 * returned whatever was added or removed meanwhile. The core serialises mutations of one
 * directory; lookups and listings read the concurrent maps without a lock.
 */
final class MemDir extends MemNode {
    private record Entry(String name, MemNode node) {
    }

    private final AtomicLong nextSeq = new AtomicLong(1);
    private final ConcurrentSkipListMap<Long, Entry> bySeq = new ConcurrentSkipListMap<>();
    private final Map<String, Long> byName = new ConcurrentHashMap<>();

    MemDir(MemFs fs, NodeAttrs attrs) {
        super(fs, attrs, 2);
    }

    @Override
    long size() {
        return 0;
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    @Override
    public Node lookup(String name) throws ErrnoException {
        MemNode n = get(name);
        if (n == null) {
            throw Errno.ENOENT.exception(name);
        }
        return n;
    }

    private MemNode get(String name) {
        Long seq = byName.get(name);
        Entry e = seq == null ? null : bySeq.get(seq);
        return e == null ? null : e.node;
    }

    @Override
    public void readdir(long cookie, DirentSink sink) throws ErrnoException {
        if (stat().nlink() == 0) {
            throw Errno.ENOENT.exception("readdir of a removed directory");
        }
        long from = fs.broken("cookies") && cookie > 3 ? 3 : cookie;
        for (Map.Entry<Long, Entry> e : bySeq.tailMap(from, false).entrySet()) {
            MemNode n = e.getValue().node;
            if (!sink.accept(e.getValue().name, n.ino, n.type(), e.getKey())) {
                return;
            }
        }
    }

    private void add(String name, MemNode node) throws ErrnoException {
        if (byName.containsKey(name)) {
            throw Errno.EEXIST.exception(name);
        }
        long seq = nextSeq.getAndIncrement();
        bySeq.put(seq, new Entry(name, node));
        byName.put(name, seq);
        touchModified();
    }

    private void remove(String name) {
        Long seq = byName.remove(name);
        if (seq != null) {
            bySeq.remove(seq);
        }
        touchModified();
    }

    @Override
    public Node create(String name, NodeAttrs attrs) throws ErrnoException {
        MemFile f = new MemFile(fs, attrs);
        add(name, f);
        return f;
    }

    @Override
    public Node mkdir(String name, NodeAttrs attrs) throws ErrnoException {
        MemDir d = new MemDir(fs, attrs);
        add(name, d);
        addLinks(1);
        return d;
    }

    @Override
    public Node symlink(String name, String target, NodeAttrs attrs) throws ErrnoException {
        MemSymlink s = new MemSymlink(fs, attrs, target);
        add(name, s);
        return s;
    }

    @Override
    public Node mknod(String name, NodeAttrs attrs) throws ErrnoException {
        FileType t = FileType.ofMode(attrs.mode());
        MemNode n = switch (t) {
            case REGULAR -> new MemFile(fs, attrs);
            case DIRECTORY -> throw Errno.EPERM.exception(name + ": mknod of a directory");
            default -> new MemSpecial(fs, attrs);
        };
        add(name, n);
        return n;
    }

    @Override
    public void link(String name, Node target) throws ErrnoException {
        if (!(target instanceof MemNode n) || n.fs != fs || n instanceof MemDir) {
            throw Errno.EPERM.exception(name);
        }
        add(name, n);
        if (!fs.broken("nlink")) {
            n.addLinks(1);
        }
    }

    @Override
    public void unlink(String name, Node child) throws ErrnoException {
        MemNode n = checkChild(name, child);
        if (n instanceof MemDir) {
            throw Errno.EISDIR.exception(name);
        }
        remove(name);
        n.addLinks(-1);
    }

    @Override
    public void rmdir(String name, Node child) throws ErrnoException {
        MemNode n = checkChild(name, child);
        if (!(n instanceof MemDir d)) {
            throw Errno.ENOTDIR.exception(name);
        }
        if (!d.isEmpty()) {
            throw Errno.ENOTEMPTY.exception(name);
        }
        remove(name);
        d.setLinks(0);
        addLinks(-1);
    }

    private MemNode checkChild(String name, Node child) throws ErrnoException {
        MemNode n = get(name);
        if (n == null || n != child) {
            throw Errno.ENOENT.exception(name);
        }
        return n;
    }

    @Override
    public void rename(String oldName, Node child, Node newParent, String newName, Node replaced, int flags)
            throws ErrnoException {
        MemNode moved = checkChild(oldName, child);
        if (!(newParent instanceof MemDir to) || to.fs != fs) {
            throw Errno.EXDEV.exception(newName);
        }
        MemNode there = to.get(newName);
        if (there != replaced) {
            throw Errno.ENOENT.exception(newName + ": changed during rename");
        }
        if ((flags & RENAME_EXCHANGE) != 0) {
            exchange(oldName, moved, to, newName, there);
            return;
        }
        if (moved == there) {
            return;
        }
        if (there != null) {
            to.remove(newName);
            if (there instanceof MemDir) {
                there.setLinks(0);
                to.addLinks(-1);
            } else if (!fs.broken("rename-replaced")) {
                there.addLinks(-1);
            }
        }
        remove(oldName);
        to.add(newName, moved);
        if (moved instanceof MemDir && to != this) {
            addLinks(-1);
            to.addLinks(1);
        }
        moved.touchChanged();
    }

    private void exchange(String oldName, MemNode a, MemDir to, String newName, MemNode b) throws ErrnoException {
        if (b == null) {
            throw Errno.ENOENT.exception(newName);
        }
        remove(oldName);
        to.remove(newName);
        to.add(newName, a);
        add(oldName, b);
        if (to != this) {
            int delta = (a instanceof MemDir ? 1 : 0) - (b instanceof MemDir ? 1 : 0);
            if (delta != 0) {
                addLinks(-delta);
                to.addLinks(delta);
            }
        }
        a.touchChanged();
        b.touchChanged();
    }

    @Override
    public OpenFile open(int flags, Credentials credentials) {
        return new OpenFile() {
        };
    }
}
