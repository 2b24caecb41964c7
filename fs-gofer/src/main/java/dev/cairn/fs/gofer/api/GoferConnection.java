package dev.cairn.fs.gofer.api;

import java.nio.channels.ByteChannel;
import java.util.Map;

/**
 * One connection to a gofer, as boot hands it to a {@code 9p} mount.
 *
 * <p>How a mount finds it: the mount data says {@code trans=fd,rfdno=N,wfdno=N}, and the
 * connection is either passed as the request's internal data under {@link #INTERNAL_DATA_KEY}
 * (a {@code GoferConnection} or a {@link ByteChannel}; or a
 * {@code java.util.concurrent.Callable<ByteChannel>} that opens a new connection for each mount
 * made from the request), or registered in the VFS attribute {@link #FD_TABLE_ATTRIBUTE}, a
 * {@code Map<Integer, ByteChannel>} from N to the connection. A connection carries one mount
 * only (a second mount of it fails with EBUSY, a closed one with EBADF); the filesystem owns
 * and closes it.
 *
 * @param number  the connection's number (rfdno = wfdno)
 * @param channel a blocking, connected byte stream to the gofer
 */
public record GoferConnection(int number, ByteChannel channel) {
    /** {@code MountRequest} internal-data key of the connection of a {@code trans=fd} mount. */
    public static final String INTERNAL_DATA_KEY = "dev.cairn.fs.gofer.connection";
    /** VFS attribute key of the table {@code Map<Integer, ByteChannel>} of fd numbers. */
    public static final String FD_TABLE_ATTRIBUTE = "dev.cairn.fs.gofer.fds";

    /** Mount data selecting this connection. */
    public String mountData() {
        return "trans=fd,rfdno=" + number + ",wfdno=" + number;
    }

    /** A table for {@link #FD_TABLE_ATTRIBUTE} holding this connection. */
    public Map<Integer, ByteChannel> asTable() {
        return Map.of(number, channel);
    }
}
