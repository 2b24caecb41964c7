package dev.cairn.fs.gofer.p9;

import dev.cairn.fs.gofer.p9.Message.*;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One representative instance of every message type, with non-trivial field values. */
final class Samples {
    private Samples() {
    }

    static final Qid DIR = new Qid(Qid.QTDIR, 7, 0x1122334455667788L);
    static final Qid FILE = new Qid(Qid.QTFILE, 0, 42);

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    static Map<MessageType, Message> all() {
        Map<MessageType, Message> m = new EnumMap<>(MessageType.class);
        List<Message> list = List.of(
                new Rlerror(2),
                new Tversion(1 << 20, "9P2000.L"), new Rversion(65536, "9P2000.L"),
                new Tauth(9, "root", "/srv", 0), new Rauth(FILE),
                new Tattach(1, Message.NOFID, "root", "/srv/export", 1000), new Rattach(DIR),
                new Tflush(17), new Rflush(),
                new Twalk(1, 2, List.of("a", "bé", "c")), new Rwalk(List.of(DIR, DIR, FILE)),
                new Tread(3, 1L << 40, 8192), new Rread(bytes("hello world")),
                new Twrite(3, 5, bytes("written")), new Rwrite(7),
                new Tclunk(3), new Rclunk(), new Tremove(4), new Rremove(),
                new Tstatfs(1), new Rstatfs(0x01021994, 4096, 1000, 900, 800, 50, 40, 0xabcdefL, 255),
                new Tlopen(3, 02), new Rlopen(FILE, 0),
                new Tlcreate(2, "new.txt", 0101, 0644, 100), new Rlcreate(FILE, 4096),
                new Tsymlink(2, "link", "../target", 100), new Rsymlink(new Qid(Qid.QTSYMLINK, 0, 9)),
                new Tmknod(2, "fifo", 010644, 0, 0, 100), new Rmknod(FILE),
                new Trename(3, 2, "moved"), new Rrename(),
                new Treadlink(5), new Rreadlink("/abs/target"),
                new Tgetattr(3, Attr.ALL),
                new Rgetattr(new Attr(Attr.BASIC, FILE, 0100644, 1000, 1000, 1, Attr.makedev(1, 3), 12345, 4096,
                        24, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)),
                new Tsetattr(3, Tsetattr.MODE | Tsetattr.SIZE, 0600, 0, 0, 99, 1, 2, 3, 4), new Rsetattr(),
                new Txattrwalk(3, 4, "user.tag"), new Rxattrwalk(12),
                new Txattrcreate(4, "user.tag", 12, 0), new Rxattrcreate(),
                new Treaddir(6, 0, 4096),
                new Rreaddir(List.of(new DirEntry(DIR, 1, 4, "."), new DirEntry(FILE, 77, 8, "file"))),
                new Tfsync(3, 1), new Rfsync(),
                new Tlock(3, Tlock.WRLCK, Tlock.FLAGS_BLOCK, 0, 100, 1234, "client"), new Rlock(Rlock.SUCCESS),
                new Tgetlock(3, Tlock.RDLCK, 10, 20, 1234, "client"), new Rgetlock(2, 10, 20, 0, "client"),
                new Tlink(2, 3, "hard"), new Rlink(),
                new Tmkdir(2, "dir", 0755, 100), new Rmkdir(DIR),
                new Trenameat(2, "old", 2, "new"), new Rrenameat(),
                new Tunlinkat(2, "gone", Tunlinkat.AT_REMOVEDIR), new Runlinkat());
        for (Message msg : list) {
            m.put(msg.type(), msg);
        }
        return m;
    }
}
