package dev.cairn.vfs.core;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.spi.DirentSink;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.OpenFile;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-core directory made by makeSyntheticMountpoint where the filesystem refused mkdir
 * (as gVisor's synthetic mount points). It exists only in the dentry cache: its children are
 * other synthetic directories (found through the cache) and it lists nothing itself. Mode
 * 0777, owned by the creator; it cannot be modified.
 */
final class SyntheticDir implements Node {
    private static final AtomicLong INOS = new AtomicLong(1L << 48);
    private final Stat stat;

    SyntheticDir(int uid, int gid) {
        long now = System.currentTimeMillis() * 1_000_000L;
        stat = new Stat(0, 0, INOS.incrementAndGet(), FileType.DIRECTORY.bits() | 0777, 2, uid, gid,
                0, 0, 0, 4096, 0, now, now, now);
    }

    @Override
    public Stat stat() {
        return stat;
    }

    @Override
    public Node lookup(String name) throws ErrnoException {
        throw Errno.ENOENT.exception(name);
    }

    @Override
    public void readdir(long cookie, DirentSink sink) {
    }

    @Override
    public OpenFile open(int flags, dev.cairn.vfs.Credentials credentials) {
        return new OpenFile() {
        };
    }
}
