package dev.cairn.fs.gofer.host;

import com.sun.jna.LastErrorException;
import java.io.IOException;

/** A connected pair of Unix stream sockets as {@link FdChannel}s (one per side). */
public record SocketPair(FdChannel first, FdChannel second) {
    public static SocketPair open() throws IOException {
        int[] sv = new int[2];
        try {
            Libc.socketpair(UnixSockets.AF_UNIX, UnixSockets.SOCK_STREAM | UnixSockets.SOCK_CLOEXEC, 0, sv);
        } catch (LastErrorException e) {
            throw new IOException("socketpair: errno " + e.getErrorCode());
        }
        return new SocketPair(new FdChannel(sv[0]), new FdChannel(sv[1]));
    }
}
