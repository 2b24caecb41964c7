package dev.cairn.fs.gofer.server;

import dev.cairn.fs.gofer.p9.Codec;
import dev.cairn.fs.gofer.p9.Message;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;

/** Routes a request to its handler. */
final class Dispatch {
    private Dispatch() {
    }

    static Message handle(Message m, DirRequests d, FileRequests f, int msize) throws ErrnoException {
        int maxData = msize - Codec.IOHDRSZ;
        if (m instanceof Tattach x) {
            return d.attach(x);
        } else if (m instanceof Twalk x) {
            return d.walk(x);
        } else if (m instanceof Tgetattr x) {
            return f.getattr(x);
        } else if (m instanceof Tread x) {
            return f.read(x, maxData);
        } else if (m instanceof Twrite x) {
            return f.write(x);
        } else if (m instanceof Tclunk x) {
            return f.clunk(x);
        } else if (m instanceof Tlopen x) {
            return f.lopen(x);
        } else if (m instanceof Treaddir x) {
            return d.readdir(x, maxData);
        } else if (m instanceof Tlcreate x) {
            return f.lcreate(x);
        } else if (m instanceof Tsetattr x) {
            return f.setattr(x);
        } else if (m instanceof Tmkdir x) {
            return d.mkdir(x);
        } else if (m instanceof Tsymlink x) {
            return d.symlink(x);
        } else if (m instanceof Tmknod x) {
            return d.mknod(x);
        } else if (m instanceof Tlink x) {
            return d.link(x);
        } else if (m instanceof Trenameat x) {
            return d.renameat(x);
        } else if (m instanceof Trename x) {
            return d.rename(x);
        } else if (m instanceof Tunlinkat x) {
            return d.unlinkat(x);
        } else if (m instanceof Tremove x) {
            return d.remove(x);
        } else if (m instanceof Treadlink x) {
            return d.readlink(x);
        } else if (m instanceof Tstatfs x) {
            return d.statfs(x);
        } else if (m instanceof Tfsync x) {
            return f.fsync(x);
        } else if (m instanceof Txattrwalk x) {
            return f.xattrwalk(x);
        } else if (m instanceof Txattrcreate x) {
            return f.xattrcreate(x);
        } else if (m instanceof Tlock x) {
            return f.lock(x);
        } else if (m instanceof Tgetlock x) {
            return f.getlock(x);
        } else if (m instanceof Tauth) {
            // as diod: ENOENT tells a client that no authentication is required, attach directly
            throw Errno.ENOENT.exception("authentication is not required");
        }
        throw Errno.EOPNOTSUPP.exception(m.type().name());
    }
}
