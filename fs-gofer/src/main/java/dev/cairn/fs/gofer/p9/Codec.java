package dev.cairn.fs.gofer.p9;

import dev.cairn.fs.gofer.p9.Message.*;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes 9P2000.L message bodies. A frame is {@code size[4] type[1] tag[2]
 * payload}, little-endian, where size counts the whole frame; reading frames off a stream is
 * {@link Framing}'s job, this class only turns bytes into {@link Message}s and back.
 * Decoding never throws anything but {@link ProtocolException}.
 */
public final class Codec {
    /** size[4] type[1] tag[2]. */
    public static final int HEADER = 7;
    /** Bytes of an Rread/Twrite frame besides the data: header + fid/offset/count. */
    public static final int IOHDRSZ = 24;

    private Codec() {
    }

    /** The whole frame for {@code message} with {@code tag}, ready to send. */
    public static ByteBuffer encode(int tag, Message message) {
        WireWriter w = new WireWriter(estimate(message));
        w.u32(0).u8(message.type().wire()).u16(tag);
        body(w, message);
        int size = w.position();
        w.putU32At(0, size);
        return w.finish();
    }

    /**
     * The first 11 bytes of an Rread frame carrying {@code count} data bytes, for senders that
     * write the data from their own buffer right after it.
     */
    public static ByteBuffer rreadHeader(int tag, int count) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(HEADER + 4 + count).put((byte) MessageType.RREAD.wire()).putShort((short) tag).putInt(count).flip();
        return b;
    }

    private static int estimate(Message m) {
        if (m instanceof Rread r) {
            return HEADER + 4 + r.data().remaining();
        }
        if (m instanceof Twrite t) {
            return IOHDRSZ + t.data().remaining();
        }
        return 128;
    }

    /**
     * Decodes a whole frame (size header included) whose length must equal its size field.
     */
    public static Frame decode(ByteBuffer frame) throws ProtocolException {
        ByteBuffer b = frame.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 4) {
            throw new ProtocolException(null, "size", "truncated: " + b.remaining() + " bytes");
        }
        long size = Integer.toUnsignedLong(b.getInt(b.position()));
        if (size != b.remaining()) {
            throw new ProtocolException(null, "size", "size field " + size + " but frame has " + b.remaining()
                    + " bytes");
        }
        b.position(b.position() + 4);
        return decodeBody(b);
    }

    /** Decodes {@code type[1] tag[2] payload} (the frame after its size field). */
    public static Frame decodeBody(ByteBuffer body) throws ProtocolException {
        if (body.remaining() < 3) {
            throw new ProtocolException(null, "size", "frame shorter than its header");
        }
        ByteBuffer b = body.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int typeByte = b.get() & 0xff;
        int tag = b.getShort() & 0xffff;
        try {
            MessageType type = MessageType.ofWire(typeByte);
            WireReader r = new WireReader(b, type);
            Message m = payload(type, r);
            r.end();
            return new Frame(tag, m);
        } catch (ProtocolException e) {
            throw e.withTag(tag);
        }
    }

    private static Message payload(MessageType type, WireReader r) throws ProtocolException {
        switch (type) {
            case RLERROR: return new Rlerror(r.u32("ecode"));
            case TVERSION: return new Tversion(r.u32("msize"), r.string("version"));
            case RVERSION: return new Rversion(r.u32("msize"), r.string("version"));
            case TAUTH: return new Tauth(r.u32("afid"), r.string("uname"), r.string("aname"), r.u32("n_uname"));
            case RAUTH: return new Rauth(r.qid("aqid"));
            case TATTACH:
                return new Tattach(r.u32("fid"), r.u32("afid"), r.string("uname"), r.string("aname"),
                        r.u32("n_uname"));
            case RATTACH: return new Rattach(r.qid("qid"));
            case TFLUSH: return new Tflush(r.u16("oldtag"));
            case RFLUSH: return new Rflush();
            case TWALK: return twalk(r);
            case RWALK: return rwalk(r);
            case TREAD: return new Tread(r.u32("fid"), r.u64("offset"), r.count("count"));
            case RREAD: return new Rread(r.bytes(r.count("count"), "data"));
            case TWRITE: return new Twrite(r.u32("fid"), r.u64("offset"), r.bytes(r.count("count"), "data"));
            case RWRITE: return new Rwrite(r.count("count"));
            case TCLUNK: return new Tclunk(r.u32("fid"));
            case RCLUNK: return new Rclunk();
            case TREMOVE: return new Tremove(r.u32("fid"));
            case RREMOVE: return new Rremove();
            case TSTATFS: return new Tstatfs(r.u32("fid"));
            case RSTATFS:
                return new Rstatfs(r.u32("type"), r.u32("bsize"), r.u64("blocks"), r.u64("bfree"),
                        r.u64("bavail"), r.u64("files"), r.u64("ffree"), r.u64("fsid"), r.u32("namelen"));
            case TLOPEN: return new Tlopen(r.u32("fid"), r.u32("flags"));
            case RLOPEN: return new Rlopen(r.qid("qid"), r.u32("iounit"));
            case TLCREATE:
                return new Tlcreate(r.u32("fid"), r.string("name"), r.u32("flags"), r.u32("mode"), r.u32("gid"));
            case RLCREATE: return new Rlcreate(r.qid("qid"), r.u32("iounit"));
            case TSYMLINK: return new Tsymlink(r.u32("fid"), r.string("name"), r.string("symtgt"), r.u32("gid"));
            case RSYMLINK: return new Rsymlink(r.qid("qid"));
            case TMKNOD:
                return new Tmknod(r.u32("dfid"), r.string("name"), r.u32("mode"), r.u32("major"), r.u32("minor"),
                        r.u32("gid"));
            case RMKNOD: return new Rmknod(r.qid("qid"));
            case TRENAME: return new Trename(r.u32("fid"), r.u32("dfid"), r.string("name"));
            case RRENAME: return new Rrename();
            case TREADLINK: return new Treadlink(r.u32("fid"));
            case RREADLINK: return new Rreadlink(r.string("target"));
            case TGETATTR: return new Tgetattr(r.u32("fid"), r.u64("request_mask"));
            case RGETATTR: return new Rgetattr(attr(r));
            case TSETATTR:
                return new Tsetattr(r.u32("fid"), r.u32("valid"), r.u32("mode"), r.u32("uid"), r.u32("gid"),
                        r.u64("size"), r.u64("atime_sec"), r.u64("atime_nsec"), r.u64("mtime_sec"),
                        r.u64("mtime_nsec"));
            case RSETATTR: return new Rsetattr();
            case TXATTRWALK: return new Txattrwalk(r.u32("fid"), r.u32("newfid"), r.string("name"));
            case RXATTRWALK: return new Rxattrwalk(r.u64("size"));
            case TXATTRCREATE:
                return new Txattrcreate(r.u32("fid"), r.string("name"), r.u64("attr_size"), r.u32("flags"));
            case RXATTRCREATE: return new Rxattrcreate();
            case TREADDIR: return new Treaddir(r.u32("fid"), r.u64("offset"), r.count("count"));
            case RREADDIR: return rreaddir(r);
            case TFSYNC: return new Tfsync(r.u32("fid"), r.u32("datasync"));
            case RFSYNC: return new Rfsync();
            case TLOCK:
                return new Tlock(r.u32("fid"), r.u8("type"), r.u32("flags"), r.u64("start"), r.u64("length"),
                        r.u32("proc_id"), r.string("client_id"));
            case RLOCK: return new Rlock(r.u8("status"));
            case TGETLOCK:
                return new Tgetlock(r.u32("fid"), r.u8("type"), r.u64("start"), r.u64("length"), r.u32("proc_id"),
                        r.string("client_id"));
            case RGETLOCK:
                return new Rgetlock(r.u8("type"), r.u64("start"), r.u64("length"), r.u32("proc_id"),
                        r.string("client_id"));
            case TLINK: return new Tlink(r.u32("dfid"), r.u32("fid"), r.string("name"));
            case RLINK: return new Rlink();
            case TMKDIR: return new Tmkdir(r.u32("dfid"), r.string("name"), r.u32("mode"), r.u32("gid"));
            case RMKDIR: return new Rmkdir(r.qid("qid"));
            case TRENAMEAT:
                return new Trenameat(r.u32("olddirfid"), r.string("oldname"), r.u32("newdirfid"),
                        r.string("newname"));
            case RRENAMEAT: return new Rrenameat();
            case TUNLINKAT: return new Tunlinkat(r.u32("dirfd"), r.string("name"), r.u32("flags"));
            case RUNLINKAT: return new Runlinkat();
            default: throw new ProtocolException(type, "type", "no decoder");
        }
    }

    private static Twalk twalk(WireReader r) throws ProtocolException {
        int fid = r.u32("fid");
        int newfid = r.u32("newfid");
        int n = r.u16("nwname");
        if (n > Message.MAXWELEM) {
            throw new ProtocolException(MessageType.TWALK, "nwname", n + " names, at most " + Message.MAXWELEM);
        }
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(r.string("wname[" + i + "]"));
        }
        return new Twalk(fid, newfid, names);
    }

    private static Rwalk rwalk(WireReader r) throws ProtocolException {
        int n = r.u16("nwqid");
        if (n > Message.MAXWELEM) {
            throw new ProtocolException(MessageType.RWALK, "nwqid", n + " qids, at most " + Message.MAXWELEM);
        }
        List<Qid> qids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            qids.add(r.qid("wqid[" + i + "]"));
        }
        return new Rwalk(qids);
    }

    private static Rreaddir rreaddir(WireReader r) throws ProtocolException {
        int count = r.count("count");
        if (count != r.remaining()) {
            throw new ProtocolException(MessageType.RREADDIR, "count",
                    "count " + count + " but " + r.remaining() + " bytes of entries");
        }
        List<DirEntry> entries = new ArrayList<>();
        while (r.remaining() > 0) {
            entries.add(new DirEntry(r.qid("entry qid"), r.u64("entry offset"), r.u8("entry type"),
                    r.string("entry name")));
        }
        return new Rreaddir(entries);
    }

    private static Attr attr(WireReader r) throws ProtocolException {
        return new Attr(r.u64("valid"), r.qid("qid"), r.u32("mode"), r.u32("uid"), r.u32("gid"), r.u64("nlink"),
                r.u64("rdev"), r.u64("size"), r.u64("blksize"), r.u64("blocks"), r.u64("atime_sec"),
                r.u64("atime_nsec"), r.u64("mtime_sec"), r.u64("mtime_nsec"), r.u64("ctime_sec"),
                r.u64("ctime_nsec"), r.u64("btime_sec"), r.u64("btime_nsec"), r.u64("gen"),
                r.u64("data_version"));
    }

    /** Bytes one entry takes in an Rreaddir payload. */
    public static int direntSize(DirEntry e) {
        return 13 + 8 + 1 + 2 + e.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static void body(WireWriter w, Message message) {
        MessageBodies.write(w, message);
    }
}
