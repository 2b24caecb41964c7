package dev.cairn.vfs.core;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Dirent;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.SetStat;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open file description: shared by dup'd fds; keeps the offset, the flags, the directory
 * position, and references to its mount (busy) and dentry (keeps an unlinked node alive).
 * Regular files and directories serialise offset updates on the description (Linux's
 * f_pos_lock); streams (pipes, devices) do not hold it across I/O.
 */
final class FileDescription {
    private static final Logger LOG = LoggerFactory.getLogger(FileDescription.class);
    /** getdents positions: 0 start, 1 after ".", 2 after ".." = fs cookie 0, n+2 = fs cookie n. */
    static final long DIR_COOKIE_BASE = 2;
    /** Positions at and above this list the directory's synthetic (in-core) children. */
    static final long SYNTHETIC_BASE = 1L << 62;
    /** The read-access notification for relatime (see the package docs). */
    static final SetStat ACCESSED = new SetStat(SetStat.ATIME | SetStat.ATIME_NOW | SetStat.ACCESSED,
            0, 0, 0, 0, 0, 0);
    private static final long DAY_NANOS = 86_400L * 1_000_000_000L;

    final CoreVfs vfs;
    final MountImpl mount;
    final Dentry dentry;
    /** Null for O_PATH descriptions. */
    final OpenFile file;
    /** open(2) flags minus O_CREAT/O_EXCL/O_TRUNC/O_CLOEXEC; never changed after open. */
    final int flags;
    private final boolean writer;
    private final boolean regularOrDir;
    private final AtomicInteger refs = new AtomicInteger(1);

    /** Guarded by this. */
    private long offset;

    FileDescription(CoreVfs vfs, MountImpl mount, Dentry dentry, OpenFile file, int flags, boolean writer) {
        this.vfs = vfs;
        this.mount = mount;
        this.dentry = dentry;
        this.file = file;
        this.flags = flags & ~(OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_TRUNC
                | OpenFlags.O_CLOEXEC | OpenFlags.O_NOCTTY);
        this.writer = writer;
        int t = dentry.type;
        this.regularOrDir = t == FileType.REGULAR.bits() || t == FileType.DIRECTORY.bits();
    }

    boolean isPath() {
        return file == null;
    }

    void incRef() {
        refs.incrementAndGet();
    }

    /** Drops one fd's reference; the last one closes the file and releases the mount. */
    void decRef() {
        if (refs.decrementAndGet() != 0) {
            return;
        }
        if (file != null) {
            try {
                file.close();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("close of {} failed", dentry.name, e);
            }
        }
        if (writer) {
            mount.writers.decrementAndGet();
        }
        mount.decUsers();
    }

    private OpenFile io(String op) throws ErrnoException {
        if (file == null) {
            throw Errno.EBADF.exception(op + " on an O_PATH descriptor");
        }
        return file;
    }

    int read(ByteBuffer dst, Credentials c) throws ErrnoException {
        OpenFile f = io("read");
        if (!OpenFlags.readable(flags)) {
            throw Errno.EBADF.exception("read: not open for reading");
        }
        if (dentry.isDir()) {
            throw Errno.EISDIR.exception("read");
        }
        int n;
        if (regularOrDir) {
            synchronized (this) {
                n = f.read(dst, offset);
                offset += n;
            }
        } else {
            long off;
            synchronized (this) {
                off = offset;
            }
            n = f.read(dst, off);
            synchronized (this) {
                offset += n;
            }
        }
        accessed(c);
        return n;
    }

    int pread(ByteBuffer dst, long off, Credentials c) throws ErrnoException {
        OpenFile f = io("pread");
        seekable("pread");
        if (!OpenFlags.readable(flags)) {
            throw Errno.EBADF.exception("pread: not open for reading");
        }
        if (dentry.isDir()) {
            throw Errno.EISDIR.exception("pread");
        }
        if (off < 0) {
            throw Errno.EINVAL.exception("pread: negative offset " + off);
        }
        int n = f.read(dst, off);
        accessed(c);
        return n;
    }

    private void seekable(String op) throws ErrnoException {
        int t = dentry.type;
        if (t == FileType.FIFO.bits() || t == FileType.SOCKET.bits()) {
            throw Errno.ESPIPE.exception(op);
        }
    }

    int write(ByteBuffer src, Credentials c) throws ErrnoException {
        OpenFile f = io("write");
        if (!OpenFlags.writable(flags)) {
            throw Errno.EBADF.exception("write: not open for writing");
        }
        killPrivs(c);
        if (!regularOrDir) {
            long off;
            synchronized (this) {
                off = offset;
            }
            int n = f.write(src, off);
            synchronized (this) {
                offset += n;
            }
            return n;
        }
        synchronized (this) {
            if ((flags & OpenFlags.O_APPEND) != 0) {
                int before = src.remaining();
                long end = f.append(src, dentry.node);
                offset = end;
                return before - src.remaining();
            }
            int n = f.write(src, offset);
            offset += n;
            return n;
        }
    }

    int pwrite(ByteBuffer src, long off, Credentials c) throws ErrnoException {
        OpenFile f = io("pwrite");
        seekable("pwrite");
        if (!OpenFlags.writable(flags)) {
            throw Errno.EBADF.exception("pwrite: not open for writing");
        }
        if (off < 0) {
            throw Errno.EINVAL.exception("pwrite: negative offset " + off);
        }
        killPrivs(c);
        if ((flags & OpenFlags.O_APPEND) != 0 && regularOrDir) {
            // Linux: pwrite on an O_APPEND file appends (a documented bug kept for compatibility).
            int before = src.remaining();
            f.append(src, dentry.node);
            return before - src.remaining();
        }
        return f.write(src, off);
    }

    /** Clears setuid/setgid before a write by someone without CAP_FSETID. */
    void killPrivs(Credentials c) throws ErrnoException {
        if (c.has(dev.cairn.vfs.Capability.CAP_FSETID) || dentry.type != FileType.REGULAR.bits()) {
            return;
        }
        Stat st = dentry.node.lastKnownStat();
        int kill = Perms.privsToKill(c, st.mode());
        if (kill != 0) {
            dentry.node.setStat(SetStat.mode(st.mode() & ~kill & 07777));
        }
    }

    /** relatime: tells the node about a read unless noatime/O_NOATIME or atime is recent. */
    void accessed(Credentials c) {
        if ((flags & OpenFlags.O_NOATIME) != 0 || mount.noatime() || mount.readOnly()) {
            return;
        }
        try {
            Stat st = dentry.node.lastKnownStat();
            long now = System.currentTimeMillis() * 1_000_000L;
            long at = st.atimeNanos();
            if (at <= st.mtimeNanos() || at <= st.ctimeNanos() || now - at >= DAY_NANOS) {
                dentry.node.setStat(ACCESSED);
            }
        } catch (ErrnoException e) {
            LOG.debug("atime update of {} failed: {}", dentry.name, e.getMessage());
        }
    }

    long lseek(long off, int whence) throws ErrnoException {
        OpenFile f = io("lseek");
        synchronized (this) {
            if (!regularOrDir) {
                long r = f.seek(offset, off, whence);
                if (r < 0) {
                    throw Errno.EINVAL.exception("lseek: negative offset " + r);
                }
                offset = r;
                return r;
            }
            long base;
            switch (whence) {
                case AtFlags.SEEK_SET -> base = 0;
                case AtFlags.SEEK_CUR -> base = offset;
                case AtFlags.SEEK_END -> {
                    if (dentry.isDir()) {
                        throw Errno.EINVAL.exception("lseek SEEK_END on a directory");
                    }
                    base = dentry.node.stat().size();
                }
                case AtFlags.SEEK_DATA, AtFlags.SEEK_HOLE -> {
                    if (dentry.isDir()) {
                        throw Errno.EINVAL.exception("lseek SEEK_DATA/SEEK_HOLE on a directory");
                    }
                    if (off < 0) {
                        throw Errno.ENXIO.exception("lseek: negative offset " + off);
                    }
                    long size = dentry.node.stat().size();
                    long r = f.seekDataOrHole(off, whence == AtFlags.SEEK_DATA, size);
                    offset = r;
                    return r;
                }
                default -> throw Errno.EINVAL.exception("lseek: bad whence " + whence);
            }
            long r = base + off;
            if (r < 0 || (off > 0 && r < base)) {
                throw Errno.EINVAL.exception("lseek: resulting offset " + r + " is negative");
            }
            offset = r;
            return r;
        }
    }

    /** getdents64: "." and ".." then the node's entries; max is a count of entries. */
    List<Dirent> getdents(int max, long dotIno, long dotdotIno, Credentials c) throws ErrnoException {
        io("getdents");
        if (!dentry.isDir()) {
            throw Errno.ENOTDIR.exception("getdents");
        }
        if (max <= 0) {
            throw Errno.EINVAL.exception("getdents: buffer of " + max + " entries");
        }
        if (dentry.dead) {
            throw Errno.ENOENT.exception("getdents: directory was removed");
        }
        List<Dirent> out = new ArrayList<>(Math.min(max, 64));
        synchronized (this) {
            if (offset == 0 && out.size() < max) {
                out.add(new Dirent(".", dotIno, FileType.DIRECTORY, 1));
                offset = 1;
            }
            if (offset == 1 && out.size() < max) {
                out.add(new Dirent("..", dotdotIno, FileType.DIRECTORY, DIR_COOKIE_BASE));
                offset = DIR_COOKIE_BASE;
            }
            if (offset >= DIR_COOKIE_BASE && offset < SYNTHETIC_BASE && out.size() < max) {
                long[] pos = {offset};
                boolean[] full = {false};
                dentry.node.readdir(offset - DIR_COOKIE_BASE, (name, ino, type, next) -> {
                    if (out.size() >= max) {
                        full[0] = true;
                        return false;
                    }
                    long o = next + DIR_COOKIE_BASE;
                    out.add(new Dirent(name, ino, type, o));
                    pos[0] = o;
                    return true;
                });
                offset = full[0] || out.size() >= max ? pos[0] : SYNTHETIC_BASE;
            }
            if (offset >= SYNTHETIC_BASE && out.size() < max) {
                listSyntheticLocked(out, max);
            }
        }
        accessed(c);
        return out;
    }

    /** Appends synthetic children (mount points made in core) after the node's entries. */
    private void listSyntheticLocked(List<Dirent> out, int max) throws ErrnoException {
        List<Dentry> synth = new ArrayList<>();
        for (Dentry d : dentry.children.snapshot()) {
            if (d.synthetic && !d.dead) {
                synth.add(d);
            }
        }
        if (synth.isEmpty()) {
            return;
        }
        synth.sort((a, b) -> Long.compare(a.id, b.id));
        for (int i = (int) (offset - SYNTHETIC_BASE); i < synth.size() && out.size() < max; i++) {
            Dentry d = synth.get(i);
            offset = SYNTHETIC_BASE + i + 1;
            out.add(new Dirent(d.name, d.node.stat().ino(), FileType.DIRECTORY, offset));
        }
    }

    synchronized long offset() {
        return offset;
    }
}
