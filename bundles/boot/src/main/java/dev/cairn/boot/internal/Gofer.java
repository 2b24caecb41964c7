package dev.cairn.boot.internal;

import dev.cairn.boot.api.FileAccess;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boot's side of the gofer connection hand-over (SEMANTICS.md "Container mount setup" steps
 * 2, 3, 6 and 8), without a class dependency on fs-gofer: connections are passed to the
 * {@code 9p} type as mount internal data under the string keys fs-gofer documents
 * ({@code GoferConnection.INTERNAL_DATA_KEY}); a test checks the strings still match.
 */
final class Gofer {
    private static final Logger LOG = LoggerFactory.getLogger(Gofer.class);

    /** The 9p filesystem type's name. */
    static final String TYPE = "9p";
    /** {@code dev.cairn.fs.gofer.api.GoferConnection.INTERNAL_DATA_KEY}: the mount's ByteChannel. */
    static final String CONNECTION_KEY = "dev.cairn.fs.gofer.connection";
    /**
     * Internal-data key of a gofer mount's unique id (its destination, "/" for the root), the
     * reference's {@code InternalFilesystemOptions.UniqueID}, by which a restore reconnects it.
     * fs-gofer does not read it (yet); it is carried so the id is in place.
     */
    static final String UNIQUE_ID_KEY = "dev.cairn.fs.gofer.uniqueId";
    /** Mount-data keys boot sets for a 9p root; the spec's root options may not. */
    private static final Set<String> RESERVED = Set.of("trans", "rfdno", "wfdno", "cache");

    private Gofer() {
    }

    /** {@code trans=fd,rfdno=N,wfdno=N}, with {@code cache=remote_revalidating} when shared. */
    static String mountData(int connection, FileAccess access) {
        String data = "trans=fd,rfdno=" + connection + ",wfdno=" + connection;
        return access == FileAccess.SHARED ? data + ",cache=remote_revalidating" : data;
    }

    /** The root's data: the connection's, then the spec's root options (none of the reserved keys). */
    static String rootData(int connection, FileAccess access, String rootOptions, String field) throws ErrnoException {
        String data = mountData(connection, access);
        if (rootOptions.isEmpty()) {
            return data;
        }
        for (String o : rootOptions.split(",", -1)) {
            String key = o.split("=", 2)[0];
            if (RESERVED.contains(key)) {
                throw Errno.EINVAL.exception(field + ": option \"" + o + "\" is set by boot for a 9p root");
            }
        }
        return data + "," + rootOptions;
    }

    /** The "none left" error, as the reference words it. */
    static ErrnoException noConnection(String what) {
        return Errno.EINVAL.exception(what + ": 9P mount requires a connection");
    }

    /** Closes every connection, logging (not throwing) failures. */
    static void closeAll(String sandbox, List<? extends ByteChannel> connections) {
        for (int i = 0; i < connections.size(); i++) {
            ByteChannel c = connections.get(i);
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("sandbox {}: closing gofer connection {} failed: {}", sandbox, i, e.toString());
            }
        }
    }
}
