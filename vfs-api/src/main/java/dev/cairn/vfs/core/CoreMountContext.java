package dev.cairn.vfs.core;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.MountOptions;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.VirtualFilesystem;
import dev.cairn.vfs.spi.MountContext;
import java.util.Optional;

/** The {@link MountContext} the core hands to {@code FilesystemType.newFilesystem}. */
record CoreMountContext(VirtualFilesystem vfs, Credentials credentials, MountRequest request)
        implements MountContext {
    @Override
    public String source() {
        return request.source();
    }

    @Override
    public MountOptions options() {
        return request.data();
    }

    @Override
    public boolean readOnly() {
        return request.readOnly();
    }

    @Override
    public <T> Optional<T> internalData(String key, Class<T> type) {
        if (!request.internal()) {
            return Optional.empty();
        }
        Object v = request.internalData().get(key);
        return type.isInstance(v) ? Optional.of(type.cast(v)) : Optional.empty();
    }

    @Override
    public boolean internal() {
        return request.internal();
    }
}
