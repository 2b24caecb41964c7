package dev.cairn.vfs.spi;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.VirtualFilesystem;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Who opens a device, provided by the core to {@link CharDevice#open}. */
@ProviderType
public interface DeviceOpenContext {
    Credentials credentials();

    /** The VFS (sandbox kernel) of the opening task. */
    VirtualFilesystem vfs();

    /**
     * The task's controlling terminal, when it has one: the open file of the terminal
     * device it was given. Empty for tasks without one (then /dev/tty gives ENXIO).
     */
    Optional<OpenFile> controllingTerminal();
}
