package dev.cairn.fs.gofer.client;

import dev.cairn.fs.gofer.p9.Attr;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.spi.OpenFile;
import java.util.List;

/** A regular file on the server; each open gets its own fid opened with Tlopen. */
final class P9RegularFile extends P9Node {
    /** open(2) flags the server is told; O_CREAT/O_EXCL/O_TRUNC are done by the core already. */
    private static final int PASSED = OpenFlags.O_ACCMODE | OpenFlags.O_APPEND | OpenFlags.O_DSYNC
            | OpenFlags.O_SYNC | OpenFlags.O_NOATIME | OpenFlags.O_NONBLOCK;

    private final long qid;

    P9RegularFile(P9Filesystem fs, int fid, String path, Attr attr) {
        super(fs, fid, path, attr);
        this.qid = attr.qid().path();
    }

    /** The file's cached data, or null when the mount does not cache data (remote_revalidating). */
    FileData data() {
        return fs.pages == null ? null : fs.pages.file(qid);
    }

    /** The file's cached data if there is any (never creates it), or null. */
    FileData peekData() {
        return fs.pages == null ? null : fs.pages.peek(qid);
    }

    /**
     * Stat as the server has it, with this client's writes not flushed yet: the size is at
     * least the end of the data written (since the last truncation), blocks at least what
     * that size needs, mtime and ctime at least the time of the last unflushed write.
     */
    @Override
    public Stat stat() throws ErrnoException {
        Stat s = super.stat();
        FileData d = peekData();
        if (d == null) {
            return s;
        }
        long end = d.writtenEnd();
        long at = d.lastWrite();
        if (end <= s.size() && at <= s.mtimeNanos() && at <= s.ctimeNanos()) {
            return s;
        }
        long size = Math.max(s.size(), end);
        long blocks = size > s.size() ? Math.max(s.blocks(), (size + 511) / 512) : s.blocks();
        return new Stat(s.devMajor(), s.devMinor(), s.ino(), s.mode(), s.nlink(), s.uid(), s.gid(), s.rdevMajor(),
                s.rdevMinor(), size, s.blksize(), blocks, s.atimeNanos(), Math.max(s.mtimeNanos(), at),
                Math.max(s.ctimeNanos(), at));
    }

    /** Forgets the cached data (the file was created, removed or replaced). */
    void dropData() {
        if (fs.pages != null) {
            fs.pages.drop(qid);
        }
    }

    /**
     * Opens a fid of the file on the server. With a data cache, a write-only open is opened
     * read-write on the server when it may be (as Linux v9fs does for its writeback fid), so
     * a partial write can fill the chunk around it; where the server refuses (EACCES/EPERM),
     * the open stays write-only and its writes go through to the server.
     */
    @Override
    public OpenFile open(int flags, Credentials credentials) throws ErrnoException {
        int f = fs.walk(fid, List.of(), "open " + path);
        // O_NOATIME: the core keeps access times (relatime) and tells us through setStat
        int passed = (flags & PASSED) | OpenFlags.O_NOATIME;
        boolean readable = (flags & OpenFlags.O_ACCMODE) != OpenFlags.O_WRONLY;
        int donated;
        try {
            if (!readable && fs.pages != null && (flags & OpenFlags.O_APPEND) == 0) {
                try {
                    donated = fs.client.callForFd(new Tlopen(f, (passed & ~OpenFlags.O_ACCMODE) | OpenFlags.O_RDWR),
                            Rlopen.class, "open " + path).fd();
                    return new P9OpenFile(this, f, flags, true, donated(donated));
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.EACCES && e.errno() != Errno.EPERM) {
                        throw e;
                    }
                }
            }
            donated = fs.client.callForFd(new Tlopen(f, passed), Rlopen.class, "open " + path).fd();
        } catch (ErrnoException e) {
            P9Filesystem.clunkAsync(fs.client, f);
            throw e;
        }
        return new P9OpenFile(this, f, flags, readable, donated(donated));
    }

    private DonatedFile donated(int fd) {
        return fd < 0 ? null : new DonatedFile(fd, fs.client, path);
    }
}
