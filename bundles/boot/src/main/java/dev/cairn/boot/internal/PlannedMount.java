package dev.cairn.boot.internal;

import dev.cairn.vfs.MountFlags;
import dev.cairn.vfs.MountRequest;

/**
 * One mount boot makes, after the spec's type and options were translated.
 *
 * @param destination cleaned absolute path
 * @param type        registered filesystem type name
 * @param source      mount source
 * @param flags       MS_* flags from the spec's flag options
 * @param data        the filesystem data string boot forwards
 */
record PlannedMount(String destination, String type, String source, int flags, String data) {
    boolean readOnly() {
        return (flags & MountFlags.MS_RDONLY) != 0;
    }

    /** The internal (boot's own) mount request, with the spec's flags. */
    MountRequest request() {
        return MountRequest.internal(source, type, flags, data);
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
