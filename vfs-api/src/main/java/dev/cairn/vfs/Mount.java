package dev.cairn.vfs;

import dev.cairn.vfs.spi.Filesystem;
import dev.cairn.vfs.spi.Node;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A mount: a filesystem (sub)tree attached somewhere in a mount namespace, or disconnected.
 * Provided by the core.
 */
@ProviderType
public interface Mount {
    /** The mount id of mountinfo's first column. */
    int id();

    String type();

    String source();

    /** MS_* flags in effect (MS_RDONLY reflects {@link VirtualFilesystem#setMountReadOnly}). */
    int flags();

    default boolean readOnly() {
        return (flags() & MountFlags.MS_RDONLY) != 0;
    }

    /** The filesystem instance this mount shows. */
    Filesystem filesystem();

    /** The node at this mount's root (a bind mount's root may be below the fs root). */
    Node root();

    /** True while the mount is attached in a namespace. */
    boolean attached();

    /** The absolute path of the mount point in its namespace, "" when disconnected. */
    String mountPoint();
}
