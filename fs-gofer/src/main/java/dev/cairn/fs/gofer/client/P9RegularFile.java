package dev.cairn.fs.gofer.client;

import dev.cairn.fs.gofer.p9.Attr;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
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

    /** Forgets the cached data (the file was created, removed or replaced). */
    void dropData() {
        if (fs.pages != null) {
            fs.pages.drop(qid);
        }
    }

    @Override
    public OpenFile open(int flags, Credentials credentials) throws ErrnoException {
        int f = fs.walk(fid, List.of(), "open " + path);
        int donated;
        try {
            // O_NOATIME: the core keeps access times (relatime) and tells us through setStat
            donated = fs.client.callForFd(new Tlopen(f, (flags & PASSED) | OpenFlags.O_NOATIME), Rlopen.class,
                    "open " + path).fd();
        } catch (ErrnoException e) {
            P9Filesystem.clunkAsync(fs.client, f);
            throw e;
        }
        return new P9OpenFile(this, f, donated < 0 ? null : new DonatedFile(donated, fs.client, path));
    }
}
