package dev.cairn.fs.gofer.p9;

/**
 * The 9P2000.L message types this codec speaks, with their wire values. T-messages are
 * requests, R-messages replies; each reply's value is its request's plus one. Rlerror (7)
 * answers any request that failed.
 */
public enum MessageType {
    RLERROR(7),
    TSTATFS(8), RSTATFS(9),
    TLOPEN(12), RLOPEN(13),
    TLCREATE(14), RLCREATE(15),
    TSYMLINK(16), RSYMLINK(17),
    TMKNOD(18), RMKNOD(19),
    TRENAME(20), RRENAME(21),
    TREADLINK(22), RREADLINK(23),
    TGETATTR(24), RGETATTR(25),
    TSETATTR(26), RSETATTR(27),
    TXATTRWALK(30), RXATTRWALK(31),
    TXATTRCREATE(32), RXATTRCREATE(33),
    TREADDIR(40), RREADDIR(41),
    TFSYNC(50), RFSYNC(51),
    TLOCK(52), RLOCK(53),
    TGETLOCK(54), RGETLOCK(55),
    TLINK(70), RLINK(71),
    TMKDIR(72), RMKDIR(73),
    TRENAMEAT(74), RRENAMEAT(75),
    TUNLINKAT(76), RUNLINKAT(77),
    TVERSION(100), RVERSION(101),
    TAUTH(102), RAUTH(103),
    TATTACH(104), RATTACH(105),
    TFLUSH(108), RFLUSH(109),
    TWALK(110), RWALK(111),
    TREAD(116), RREAD(117),
    TWRITE(118), RWRITE(119),
    TCLUNK(120), RCLUNK(121),
    TREMOVE(122), RREMOVE(123);

    private static final MessageType[] BY_WIRE = new MessageType[256];

    static {
        for (MessageType t : values()) {
            BY_WIRE[t.wire] = t;
        }
    }

    private final int wire;

    MessageType(int wire) {
        this.wire = wire;
    }

    /** The type byte on the wire. */
    public int wire() {
        return wire;
    }

    /** True for requests (T-messages). */
    public boolean isRequest() {
        return this != RLERROR && (wire & 1) == 0;
    }

    /**
     * The type with this wire value.
     *
     * @throws ProtocolException for a value that names no 9P2000.L message this codec knows
     */
    public static MessageType ofWire(int wire) throws ProtocolException {
        MessageType t = wire >= 0 && wire < 256 ? BY_WIRE[wire] : null;
        if (t == null) {
            throw new ProtocolException(null, "type", "unknown message type " + wire);
        }
        return t;
    }
}
