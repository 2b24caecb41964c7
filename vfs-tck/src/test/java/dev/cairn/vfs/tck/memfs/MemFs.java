package dev.cairn.vfs.tck.memfs;

import dev.cairn.vfs.FileType;
import dev.cairn.vfs.StatFs;
import dev.cairn.vfs.spi.Filesystem;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.NodeAttrs;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** One memfs instance: an inode counter and the root directory. */
final class MemFs implements Filesystem {
    static final long MAGIC = 0x4d454d46L;

    private final AtomicLong nextIno = new AtomicLong(1);
    private final MemDir root;
    private final Set<String> faults;

    MemFs(int rootMode, int uid, int gid, Set<String> faults) {
        this.faults = Set.copyOf(faults);
        root = new MemDir(this, new NodeAttrs(FileType.DIRECTORY.bits() | rootMode, uid, gid));
    }

    /** True when this instance was mounted with {@code fault=name}. */
    boolean broken(String name) {
        return faults.contains(name);
    }

    long newIno() {
        return nextIno.getAndIncrement();
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public StatFs statfs() {
        return StatFs.unlimited(MAGIC);
    }
}
