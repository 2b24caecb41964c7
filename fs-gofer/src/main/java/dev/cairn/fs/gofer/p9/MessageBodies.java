package dev.cairn.fs.gofer.p9;

import dev.cairn.fs.gofer.p9.Message.*;

/** The encoding half of {@link Codec}: writes each message's payload after the header. */
final class MessageBodies {
    private MessageBodies() {
    }

    static void write(WireWriter w, Message m) {
        if (!(writeSession(w, m) || writeFiles(w, m) || writeDirectories(w, m) || writeMisc(w, m))) {
            throw new IllegalArgumentException("no encoder for " + m.type());
        }
    }

    private static boolean writeSession(WireWriter w, Message m) {
        if (m instanceof Rlerror x) {
            w.u32(x.ecode());
        } else if (m instanceof Tversion x) {
            w.u32(x.msize()).string(x.version());
        } else if (m instanceof Rversion x) {
            w.u32(x.msize()).string(x.version());
        } else if (m instanceof Tauth x) {
            w.u32(x.afid()).string(x.uname()).string(x.aname()).u32(x.nUname());
        } else if (m instanceof Rauth x) {
            w.qid(x.aqid());
        } else if (m instanceof Tattach x) {
            w.u32(x.fid()).u32(x.afid()).string(x.uname()).string(x.aname()).u32(x.nUname());
        } else if (m instanceof Rattach x) {
            w.qid(x.qid());
        } else if (m instanceof Tflush x) {
            w.u16(x.oldtag());
        } else if (m instanceof Twalk x) {
            if (x.names().size() > Message.MAXWELEM) {
                throw new IllegalArgumentException("Twalk with " + x.names().size() + " names");
            }
            w.u32(x.fid()).u32(x.newfid()).u16(x.names().size());
            x.names().forEach(w::string);
        } else if (m instanceof Rwalk x) {
            w.u16(x.qids().size());
            x.qids().forEach(w::qid);
        } else if (m instanceof Tclunk x) {
            w.u32(x.fid());
        } else if (m instanceof Tremove x) {
            w.u32(x.fid());
        } else {
            return m instanceof Rflush || m instanceof Rclunk || m instanceof Rremove;
        }
        return true;
    }

    private static boolean writeFiles(WireWriter w, Message m) {
        if (m instanceof Tread x) {
            w.u32(x.fid()).u64(x.offset()).u32(x.count());
        } else if (m instanceof Rread x) {
            w.u32(x.data().remaining()).bytes(x.data());
        } else if (m instanceof Twrite x) {
            w.u32(x.fid()).u64(x.offset()).u32(x.data().remaining()).bytes(x.data());
        } else if (m instanceof Rwrite x) {
            w.u32(x.count());
        } else if (m instanceof Tlopen x) {
            w.u32(x.fid()).u32(x.flags());
        } else if (m instanceof Rlopen x) {
            w.qid(x.qid()).u32(x.iounit());
        } else if (m instanceof Tlcreate x) {
            w.u32(x.fid()).string(x.name()).u32(x.flags()).u32(x.mode()).u32(x.gid());
        } else if (m instanceof Rlcreate x) {
            w.qid(x.qid()).u32(x.iounit());
        } else if (m instanceof Tgetattr x) {
            w.u32(x.fid()).u64(x.requestMask());
        } else if (m instanceof Rgetattr x) {
            attr(w, x.attr());
        } else if (m instanceof Tsetattr x) {
            w.u32(x.fid()).u32(x.valid()).u32(x.mode()).u32(x.uid()).u32(x.gid()).u64(x.size())
                    .u64(x.atimeSec()).u64(x.atimeNsec()).u64(x.mtimeSec()).u64(x.mtimeNsec());
        } else if (m instanceof Tfsync x) {
            w.u32(x.fid()).u32(x.datasync());
        } else if (m instanceof Treadlink x) {
            w.u32(x.fid());
        } else if (m instanceof Rreadlink x) {
            w.string(x.target());
        } else {
            return m instanceof Rsetattr || m instanceof Rfsync;
        }
        return true;
    }

    private static boolean writeDirectories(WireWriter w, Message m) {
        if (m instanceof Treaddir x) {
            w.u32(x.fid()).u64(x.offset()).u32(x.count());
        } else if (m instanceof Rreaddir x) {
            int at = w.position();
            w.u32(0);
            for (DirEntry e : x.entries()) {
                w.qid(e.qid()).u64(e.offset()).u8(e.type()).string(e.name());
            }
            w.putU32At(at, w.position() - at - 4);
        } else if (m instanceof Tmkdir x) {
            w.u32(x.dfid()).string(x.name()).u32(x.mode()).u32(x.gid());
        } else if (m instanceof Rmkdir x) {
            w.qid(x.qid());
        } else if (m instanceof Tsymlink x) {
            w.u32(x.fid()).string(x.name()).string(x.target()).u32(x.gid());
        } else if (m instanceof Rsymlink x) {
            w.qid(x.qid());
        } else if (m instanceof Tmknod x) {
            w.u32(x.dfid()).string(x.name()).u32(x.mode()).u32(x.major()).u32(x.minor()).u32(x.gid());
        } else if (m instanceof Rmknod x) {
            w.qid(x.qid());
        } else if (m instanceof Tlink x) {
            w.u32(x.dfid()).u32(x.fid()).string(x.name());
        } else if (m instanceof Trename x) {
            w.u32(x.fid()).u32(x.dfid()).string(x.name());
        } else if (m instanceof Trenameat x) {
            w.u32(x.oldDirFid()).string(x.oldName()).u32(x.newDirFid()).string(x.newName());
        } else if (m instanceof Tunlinkat x) {
            w.u32(x.dirFid()).string(x.name()).u32(x.flags());
        } else {
            return m instanceof Rlink || m instanceof Rrename || m instanceof Rrenameat || m instanceof Runlinkat;
        }
        return true;
    }

    private static boolean writeMisc(WireWriter w, Message m) {
        if (m instanceof Tstatfs x) {
            w.u32(x.fid());
        } else if (m instanceof Rstatfs x) {
            w.u32(x.fsType()).u32(x.bsize()).u64(x.blocks()).u64(x.bfree()).u64(x.bavail()).u64(x.files())
                    .u64(x.ffree()).u64(x.fsid()).u32(x.namelen());
        } else if (m instanceof Txattrwalk x) {
            w.u32(x.fid()).u32(x.newfid()).string(x.name());
        } else if (m instanceof Rxattrwalk x) {
            w.u64(x.size());
        } else if (m instanceof Txattrcreate x) {
            w.u32(x.fid()).string(x.name()).u64(x.attrSize()).u32(x.flags());
        } else if (m instanceof Tlock x) {
            w.u32(x.fid()).u8(x.lockType()).u32(x.flags()).u64(x.start()).u64(x.length()).u32(x.procId())
                    .string(x.clientId());
        } else if (m instanceof Rlock x) {
            w.u8(x.status());
        } else if (m instanceof Tgetlock x) {
            w.u32(x.fid()).u8(x.lockType()).u64(x.start()).u64(x.length()).u32(x.procId()).string(x.clientId());
        } else if (m instanceof Rgetlock x) {
            w.u8(x.lockType()).u64(x.start()).u64(x.length()).u32(x.procId()).string(x.clientId());
        } else {
            return m instanceof Rxattrcreate;
        }
        return true;
    }

    private static void attr(WireWriter w, Attr a) {
        w.u64(a.valid()).qid(a.qid()).u32(a.mode()).u32(a.uid()).u32(a.gid()).u64(a.nlink()).u64(a.rdev())
                .u64(a.size()).u64(a.blksize()).u64(a.blocks()).u64(a.atimeSec()).u64(a.atimeNsec())
                .u64(a.mtimeSec()).u64(a.mtimeNsec()).u64(a.ctimeSec()).u64(a.ctimeNsec()).u64(a.btimeSec())
                .u64(a.btimeNsec()).u64(a.gen()).u64(a.dataVersion());
    }
}
