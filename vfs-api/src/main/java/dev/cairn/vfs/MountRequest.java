package dev.cairn.vfs;

import java.util.Map;

/**
 * Everything a mount needs besides where: the filesystem type, source, MS_* flags, the
 * filesystem's data string, and (internal mounts only) in-process objects for the type.
 *
 * @param source       mount source, e.g. "none" or "/srv"
 * @param type         registered filesystem type name
 * @param flags        {@link MountFlags} MS_* bits (ro, nosuid, nodev, noexec, noatime)
 * @param data         filesystem-specific options
 * @param internalData objects handed to the type through {@code MountContext.internalData}
 * @param internal     a mount made by the sandbox itself: bypasses AllowUserMount and the
 *                     CAP_SYS_ADMIN check, as gVisor's InternalMount
 */
public record MountRequest(String source, String type, int flags, MountOptions data,
                           Map<String, Object> internalData, boolean internal) {
    public MountRequest {
        source = source == null ? "none" : source;
        data = data == null ? MountOptions.EMPTY : data;
        internalData = internalData == null ? Map.of() : Map.copyOf(internalData);
    }

    /** A user's mount, as mount(2) would make it. */
    public static MountRequest user(String source, String type, int flags, String data) {
        return new MountRequest(source, type, flags, MountOptions.parse(data), Map.of(), false);
    }

    /** A mount by the sandbox itself. */
    public static MountRequest internal(String source, String type, int flags, String data) {
        return new MountRequest(source, type, flags, MountOptions.parse(data), Map.of(), true);
    }

    public MountRequest withInternalData(String key, Object value) {
        java.util.HashMap<String, Object> m = new java.util.HashMap<>(internalData);
        m.put(key, value);
        return new MountRequest(source, type, flags, data, m, internal);
    }

    public boolean readOnly() {
        return (flags & MountFlags.MS_RDONLY) != 0;
    }
}
