package dev.cairn.vfs.spi;

import dev.cairn.vfs.ErrnoException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of filesystem ("tmpfs", "9p", ...), registered as an OSGi service with the service
 * property {@value #NAME_PROPERTY} set to {@link #name()}. Boot registers it in each
 * sandbox's VFS under a policy (user-mountable, listed); the type itself carries no policy.
 *
 * <p>Thread safety: {@link #newFilesystem} may be called concurrently from several sandboxes.
 */
@ConsumerType
public interface FilesystemType {
    /** Service property naming the type, e.g. {@code cairn.fs.name=tmpfs}. */
    String NAME_PROPERTY = "cairn.fs.name";

    /** The name used in mount(2) and /proc/filesystems. Constant for the life of the service. */
    String name();

    /**
     * Creates a filesystem instance (a superblock) for one mount request.
     *
     * <p>Preconditions: the core has checked the type is registered and that the caller may
     * mount it. The filesystem parses {@link MountContext#options()} itself and must reject an
     * unknown key with EINVAL naming it ({@code MountOptions.requireOnly}).
     *
     * <p>Ownership: the returned filesystem belongs to the core, which calls
     * {@link Filesystem#release()} when the last mount of it is gone.
     *
     * @throws ErrnoException EINVAL for bad options, ENODEV/ENXIO for a missing backing device
     *                        or connection, EIO when a remote peer fails
     */
    Filesystem newFilesystem(MountContext context) throws ErrnoException;
}
