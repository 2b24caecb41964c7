package dev.cairn.fs.gofer.client;

import dev.cairn.fs.gofer.p9.Attr;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.vfs.ErrnoException;

/** A symlink on the server; with {@code cache=fscache} its target is read once. */
final class P9Symlink extends P9Node {
    private volatile String target;

    P9Symlink(P9Filesystem fs, int fid, String path, Attr attr) {
        super(fs, fid, path, attr);
    }

    @Override
    public String readlink() throws ErrnoException {
        String t = target;
        if (t == null || !fs.cached()) {
            t = fs.client.call(new Treadlink(fid), Rreadlink.class, "readlink " + path).target();
            target = t;
        }
        return t;
    }
}
