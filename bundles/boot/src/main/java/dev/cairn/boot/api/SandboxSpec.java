package dev.cairn.boot.api;

import java.util.List;

/**
 * What a sandbox is made of. The root is a tmpfs unless a later spec form says otherwise
 * (the OCI container mounter adds 9p roots and overlay); {@code mounts} are the spec's
 * submounts in spec order; /dev (devtmpfs) is added when absent and /tmp follows the /tmp
 * rule of SEMANTICS.md.
 *
 * <p>Mount types boot translates: tmpfs (data filtered to mode, uid, gid, size), devtmpfs,
 * devpts, proc, sysfs ({@code none} means sysfs). A {@code bind} mount (type, or option
 * bind/rbind) needs a gofer connection and is rejected with EINVAL until the OCI mounter
 * lands; other types are logged and skipped. Flag options: rw, ro, noatime, noexec, nosuid,
 * nodev. Destinations are absolute and compared after cleaning.
 *
 * @param id         unique sandbox id
 * @param rootType   filesystem type of the root ("tmpfs")
 * @param rootOptions mount data of the root
 * @param readOnlyRoot whether the root is read-only after setup
 * @param mounts     submounts in spec order
 */
public record SandboxSpec(String id, String rootType, String rootOptions, boolean readOnlyRoot,
                          List<MountSpec> mounts) {
    public SandboxSpec {
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        rootOptions = rootOptions == null ? "" : rootOptions;
    }

    /** The default sandbox: tmpfs root, devtmpfs /dev, tmpfs /tmp (mode 01777). */
    public static SandboxSpec defaults(String id) {
        return new SandboxSpec(id, "tmpfs", "mode=0755", false, List.of());
    }
}
