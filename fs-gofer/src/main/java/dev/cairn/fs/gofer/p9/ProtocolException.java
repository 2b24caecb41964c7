package dev.cairn.fs.gofer.p9;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;

/**
 * A frame that does not follow 9P2000.L: truncated, oversized, of an unknown type, with a
 * count that exceeds the frame, bad UTF-8, or trailing bytes. Names the message type (when
 * known) and the field that was wrong.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final MessageType messageType;
    private final String field;
    private final int tag;

    public ProtocolException(MessageType messageType, String field, String problem) {
        this(messageType, field, problem, -1);
    }

    private ProtocolException(MessageType messageType, String field, String problem, int tag) {
        super((messageType == null ? "9P frame" : messageType.name()) + ": field " + field + ": " + problem);
        this.messageType = messageType;
        this.field = field;
        this.tag = tag;
    }

    private ProtocolException(ProtocolException e, int tag) {
        super(e.getMessage(), e);
        this.messageType = e.messageType;
        this.field = e.field;
        this.tag = tag;
    }

    /** The same error, knowing the tag of the frame it was found in. */
    ProtocolException withTag(int frameTag) {
        return new ProtocolException(this, frameTag);
    }

    /**
     * The tag of the malformed frame when its header was intact (the stream is still in step
     * and the peer can be answered), else -1.
     */
    public int tag() {
        return tag;
    }

    /** The message type being decoded, or null when the type byte itself was bad. */
    public MessageType messageType() {
        return messageType;
    }

    /** The field that was malformed ("size", "type", "name", ...). */
    public String field() {
        return field;
    }

    /** This error as the VFS reports it: EIO, with this message. */
    public ErrnoException toErrno() {
        return new ErrnoException(Errno.EIO, getMessage(), this);
    }
}
