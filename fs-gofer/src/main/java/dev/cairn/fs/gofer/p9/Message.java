package dev.cairn.fs.gofer.p9;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Every 9P2000.L message this project sends or answers, one record each. Field names follow
 * the protocol's ({@code fid}, {@code newfid}, {@code count}...). Unsigned 32-bit wire values
 * (fids, counts, modes) are held in {@code int}s bit for bit; 16-bit ones in {@code int}s.
 *
 * <p>The {@link ByteBuffer} fields ({@link Rread#data()}, {@link Twrite#data()}) are read-only
 * views between position and limit; the codec never moves their position.
 */
public sealed interface Message {
    /** The wire type of this message. */
    MessageType type();

    /** Fid value meaning "no fid" (e.g. afid of an unauthenticated attach). */
    int NOFID = 0xffffffff;
    /** Tag used by Tversion. */
    int NOTAG = 0xffff;
    /** The most names one Twalk may carry. */
    int MAXWELEM = 16;

    record Rlerror(int ecode) implements Message {
        public MessageType type() { return MessageType.RLERROR; }
    }

    record Tversion(int msize, String version) implements Message {
        public MessageType type() { return MessageType.TVERSION; }
    }

    record Rversion(int msize, String version) implements Message {
        public MessageType type() { return MessageType.RVERSION; }
    }

    record Tauth(int afid, String uname, String aname, int nUname) implements Message {
        public MessageType type() { return MessageType.TAUTH; }
    }

    record Rauth(Qid aqid) implements Message {
        public MessageType type() { return MessageType.RAUTH; }
    }

    record Tattach(int fid, int afid, String uname, String aname, int nUname) implements Message {
        public MessageType type() { return MessageType.TATTACH; }
    }

    record Rattach(Qid qid) implements Message {
        public MessageType type() { return MessageType.RATTACH; }
    }

    record Tflush(int oldtag) implements Message {
        public MessageType type() { return MessageType.TFLUSH; }
    }

    record Rflush() implements Message {
        public MessageType type() { return MessageType.RFLUSH; }
    }

    record Twalk(int fid, int newfid, List<String> names) implements Message {
        public Twalk {
            names = List.copyOf(names);
        }

        public MessageType type() { return MessageType.TWALK; }
    }

    record Rwalk(List<Qid> qids) implements Message {
        public Rwalk {
            qids = List.copyOf(qids);
        }

        public MessageType type() { return MessageType.RWALK; }
    }

    record Tread(int fid, long offset, int count) implements Message {
        public MessageType type() { return MessageType.TREAD; }
    }

    record Rread(ByteBuffer data) implements Message {
        public MessageType type() { return MessageType.RREAD; }
    }

    record Twrite(int fid, long offset, ByteBuffer data) implements Message {
        public MessageType type() { return MessageType.TWRITE; }
    }

    record Rwrite(int count) implements Message {
        public MessageType type() { return MessageType.RWRITE; }
    }

    record Tclunk(int fid) implements Message {
        public MessageType type() { return MessageType.TCLUNK; }
    }

    record Rclunk() implements Message {
        public MessageType type() { return MessageType.RCLUNK; }
    }

    record Tremove(int fid) implements Message {
        public MessageType type() { return MessageType.TREMOVE; }
    }

    record Rremove() implements Message {
        public MessageType type() { return MessageType.RREMOVE; }
    }

    record Tstatfs(int fid) implements Message {
        public MessageType type() { return MessageType.TSTATFS; }
    }

    record Rstatfs(int fsType, int bsize, long blocks, long bfree, long bavail, long files, long ffree,
                   long fsid, int namelen) implements Message {
        public MessageType type() { return MessageType.RSTATFS; }
    }

    record Tlopen(int fid, int flags) implements Message {
        public MessageType type() { return MessageType.TLOPEN; }
    }

    record Rlopen(Qid qid, int iounit) implements Message {
        public MessageType type() { return MessageType.RLOPEN; }
    }

    record Tlcreate(int fid, String name, int flags, int mode, int gid) implements Message {
        public MessageType type() { return MessageType.TLCREATE; }
    }

    record Rlcreate(Qid qid, int iounit) implements Message {
        public MessageType type() { return MessageType.RLCREATE; }
    }

    record Tsymlink(int fid, String name, String target, int gid) implements Message {
        public MessageType type() { return MessageType.TSYMLINK; }
    }

    record Rsymlink(Qid qid) implements Message {
        public MessageType type() { return MessageType.RSYMLINK; }
    }

    record Tmknod(int dfid, String name, int mode, int major, int minor, int gid) implements Message {
        public MessageType type() { return MessageType.TMKNOD; }
    }

    record Rmknod(Qid qid) implements Message {
        public MessageType type() { return MessageType.RMKNOD; }
    }

    record Trename(int fid, int dfid, String name) implements Message {
        public MessageType type() { return MessageType.TRENAME; }
    }

    record Rrename() implements Message {
        public MessageType type() { return MessageType.RRENAME; }
    }

    record Treadlink(int fid) implements Message {
        public MessageType type() { return MessageType.TREADLINK; }
    }

    record Rreadlink(String target) implements Message {
        public MessageType type() { return MessageType.RREADLINK; }
    }

    record Tgetattr(int fid, long requestMask) implements Message {
        public MessageType type() { return MessageType.TGETATTR; }
    }

    record Rgetattr(Attr attr) implements Message {
        public MessageType type() { return MessageType.RGETATTR; }
    }

    /** {@code valid} holds the {@code SETATTR_*} bits of the fields to apply. */
    record Tsetattr(int fid, int valid, int mode, int uid, int gid, long size, long atimeSec, long atimeNsec,
                    long mtimeSec, long mtimeNsec) implements Message {
        public static final int MODE = 0x1;
        public static final int UID = 0x2;
        public static final int GID = 0x4;
        public static final int SIZE = 0x8;
        public static final int ATIME = 0x10;
        public static final int MTIME = 0x20;
        public static final int CTIME = 0x40;
        /** With ATIME: use the given time, else "now". */
        public static final int ATIME_SET = 0x80;
        /** With MTIME: use the given time, else "now". */
        public static final int MTIME_SET = 0x100;

        public MessageType type() { return MessageType.TSETATTR; }
    }

    record Rsetattr() implements Message {
        public MessageType type() { return MessageType.RSETATTR; }
    }

    record Txattrwalk(int fid, int newfid, String name) implements Message {
        public MessageType type() { return MessageType.TXATTRWALK; }
    }

    record Rxattrwalk(long size) implements Message {
        public MessageType type() { return MessageType.RXATTRWALK; }
    }

    record Txattrcreate(int fid, String name, long attrSize, int flags) implements Message {
        public MessageType type() { return MessageType.TXATTRCREATE; }
    }

    record Rxattrcreate() implements Message {
        public MessageType type() { return MessageType.RXATTRCREATE; }
    }

    record Treaddir(int fid, long offset, int count) implements Message {
        public MessageType type() { return MessageType.TREADDIR; }
    }

    record Rreaddir(List<DirEntry> entries) implements Message {
        public Rreaddir {
            entries = List.copyOf(entries);
        }

        public MessageType type() { return MessageType.RREADDIR; }
    }

    record Tfsync(int fid, int datasync) implements Message {
        public MessageType type() { return MessageType.TFSYNC; }
    }

    record Rfsync() implements Message {
        public MessageType type() { return MessageType.RFSYNC; }
    }

    /** {@code lockType}: 0 read, 1 write, 2 unlock; {@code flags}: 1 block, 2 reclaim. */
    record Tlock(int fid, int lockType, int flags, long start, long length, int procId, String clientId)
            implements Message {
        public static final int RDLCK = 0;
        public static final int WRLCK = 1;
        public static final int UNLCK = 2;
        public static final int FLAGS_BLOCK = 1;

        public MessageType type() { return MessageType.TLOCK; }
    }

    /** {@code status}: 0 success, 1 blocked, 2 error, 3 grace. */
    record Rlock(int status) implements Message {
        public static final int SUCCESS = 0;
        public static final int BLOCKED = 1;
        public static final int ERROR = 2;

        public MessageType type() { return MessageType.RLOCK; }
    }

    record Tgetlock(int fid, int lockType, long start, long length, int procId, String clientId)
            implements Message {
        public MessageType type() { return MessageType.TGETLOCK; }
    }

    record Rgetlock(int lockType, long start, long length, int procId, String clientId) implements Message {
        public MessageType type() { return MessageType.RGETLOCK; }
    }

    record Tlink(int dfid, int fid, String name) implements Message {
        public MessageType type() { return MessageType.TLINK; }
    }

    record Rlink() implements Message {
        public MessageType type() { return MessageType.RLINK; }
    }

    record Tmkdir(int dfid, String name, int mode, int gid) implements Message {
        public MessageType type() { return MessageType.TMKDIR; }
    }

    record Rmkdir(Qid qid) implements Message {
        public MessageType type() { return MessageType.RMKDIR; }
    }

    record Trenameat(int oldDirFid, String oldName, int newDirFid, String newName) implements Message {
        public MessageType type() { return MessageType.TRENAMEAT; }
    }

    record Rrenameat() implements Message {
        public MessageType type() { return MessageType.RRENAMEAT; }
    }

    /** {@code flags}: 0 or AT_REMOVEDIR (0x200). */
    record Tunlinkat(int dirFid, String name, int flags) implements Message {
        public static final int AT_REMOVEDIR = 0x200;

        public MessageType type() { return MessageType.TUNLINKAT; }
    }

    record Runlinkat() implements Message {
        public MessageType type() { return MessageType.RUNLINKAT; }
    }
}
