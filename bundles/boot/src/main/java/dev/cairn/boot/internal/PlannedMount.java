package dev.cairn.boot.internal;

import dev.cairn.vfs.MountFlags;
import dev.cairn.vfs.MountRequest;
import java.nio.channels.ByteChannel;
import java.util.List;

/**
 * One mount boot makes, after the spec's type and options were translated.
 *
 * @param destination cleaned absolute path
 * @param type        registered filesystem type name
 * @param source      mount source
 * @param flags       MS_* flags from the spec's flag options
 * @param data        the filesystem data string boot forwards
 * @param connection  index of the gofer connection a {@code 9p} mount is served over, or -1
 */
record PlannedMount(String destination, String type, String source, int flags, String data, int connection) {
    /** A mount without a gofer connection. */
    PlannedMount(String destination, String type, String source, int flags, String data) {
        this(destination, type, source, flags, data, -1);
    }

    boolean readOnly() {
        return (flags & MountFlags.MS_RDONLY) != 0;
    }

    /** Whether the mount is served over a handed-over gofer connection. */
    boolean usesConnection() {
        return connection >= 0;
    }

    /**
     * The internal (boot's own) mount request, with the spec's flags; a gofer mount carries
     * its connection and unique id (its destination) as internal data.
     */
    MountRequest request(List<? extends ByteChannel> connections) {
        MountRequest r = MountRequest.internal(source, type, flags, data);
        if (usesConnection()) {
            r = r.withInternalData(Gofer.CONNECTION_KEY, connections.get(connection))
                    .withInternalData(Gofer.UNIQUE_ID_KEY, destination);
        }
        return r;
    }

    /** True when this mount sits in the subtree of {@code other}'s destination (or on it). */
    boolean below(PlannedMount other) {
        String d = other.destination;
        return d.equals("/") || destination.equals(d) || destination.startsWith(d + "/");
    }

    /** "TYPE on PATH", as {@code Sandbox.pendingMounts()} reports it. */
    String describe() {
        return type + " on " + destination;
    }
}
