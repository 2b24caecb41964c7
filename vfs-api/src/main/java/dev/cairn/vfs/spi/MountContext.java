package dev.cairn.vfs.spi;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.MountOptions;
import dev.cairn.vfs.VirtualFilesystem;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** What a {@link FilesystemType} gets to build a filesystem instance. Provided by the core. */
@ProviderType
public interface MountContext {
    /** The VFS the filesystem is mounted in (for its device registry and kernel attributes). */
    VirtualFilesystem vfs();

    /** Who asked for the mount; owner of a new root unless options say otherwise. */
    Credentials credentials();

    /** The mount source (first argument of mount(8)), e.g. "none", "tmpfs", "/srv". */
    String source();

    /** Parsed mount data. */
    dev.cairn.vfs.MountOptions options();

    /** True when the mount is made read-only (MS_RDONLY). */
    boolean readOnly();

    /**
     * An in-process object the mounter handed over for this mount under {@code key}
     * (e.g. overlay layers, a gofer connection, the file type of a tmpfs root). Only
     * internal mounts made by boot carry such data; a user mount never does.
     */
    <T> Optional<T> internalData(String key, Class<T> type);

    /** True for mounts made by the sandbox itself (boot), false for a user's mount(2). */
    boolean internal();

    /** Convenience: the options, as given. */
    default MountOptions data() {
        return options();
    }
}
