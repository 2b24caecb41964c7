package dev.cairn.fs.gofer.client;

import dev.cairn.fs.gofer.p9.Attr;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.vfs.Credentials;
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

    /** Stat as the server has it, with the writes not flushed yet (size, blocks, mtime, ctime). */
    @Override
    public Stat stat() throws ErrnoException {
        Stat s = super.stat();
        FileData d = peekData();
        return d == null ? s : d.overlay(s);
    }

    /** Forgets the cached data (the file was created, removed or replaced). */
    void dropData() {
        if (fs.pages != null) {
            fs.pages.drop(qid);
        }
    }

    @Override
    public OpenFile open(int flags, Credentials credentials) throws ErrnoException {
        int f = fs.walk(fid, List.of(), "open " + path);
        try {
            // O_NOATIME: the core keeps access times (relatime) and tells us through setStat
            fs.client.call(new Tlopen(f, (flags & PASSED) | OpenFlags.O_NOATIME), Rlopen.class, "open " + path);
        } catch (ErrnoException e) {
            P9Filesystem.clunkAsync(fs.client, f);
            throw e;
        }
        return new P9OpenFile(this, f, flags);
    }
}
