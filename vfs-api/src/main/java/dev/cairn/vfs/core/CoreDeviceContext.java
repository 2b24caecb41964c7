package dev.cairn.vfs.core;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.VirtualFilesystem;
import dev.cairn.vfs.spi.DeviceOpenContext;
import dev.cairn.vfs.spi.OpenFile;
import java.util.Optional;

/** The {@link DeviceOpenContext} of one device open. */
record CoreDeviceContext(Credentials credentials, VirtualFilesystem vfs, Optional<OpenFile> controllingTerminal)
        implements DeviceOpenContext {
}
