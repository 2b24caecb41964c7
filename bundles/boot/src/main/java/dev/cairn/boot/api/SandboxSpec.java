package dev.cairn.boot.api;

import java.util.List;

/**
 * What a sandbox is made of. {@code mounts} are the spec's submounts in spec order; /dev
 * (devtmpfs) is added when absent and /tmp follows the /tmp rule of SEMANTICS.md.
 *
 * <p>The root is a tmpfs ({@code rootType} "tmpfs", {@code rootOptions} its data) or a gofer
 * export ({@code rootType} "9p"): then it is mounted over the first connection handed to
 * {@link SandboxManager#create(SandboxSpec, List)} with {@code trans=fd,rfdno=N,wfdno=N}, plus
 * {@code cache=remote_revalidating} when {@code fileAccess.root()} is shared; its
 * {@code rootOptions} are appended (e.g. {@code msize=65536}) and may not set trans, rfdno,
 * wfdno or cache. A read-only root is writable during setup and read-only at its end.
 *
 * <p>Mount types boot translates: tmpfs (data filtered to mode, uid, gid, size), devtmpfs,
 * devpts, proc, sysfs ({@code none} means sysfs), and {@code bind} (type, or option
 * bind/rbind): a {@code 9p} mount over the next gofer connection (in spec order, after the
 * root's), shared unless {@code fileAccess.mounts()} says exclusive; its other options are
 * not forwarded, only its flags. Other types are logged and skipped. Flag options: rw, ro,
 * noatime, noexec, nosuid, nodev. Destinations are absolute and compared after cleaning.
 *
 * @param id           unique sandbox id
 * @param rootType     filesystem type of the root ("tmpfs" or "9p")
 * @param rootOptions  mount data of the root
 * @param readOnlyRoot whether the root is read-only after setup
 * @param mounts       submounts in spec order
 * @param rootSource   source of the root mount as mountinfo shows it (the exported host
 *                     path of a 9p root); "none" when absent
 * @param fileAccess   file access of the root and bind mounts when they are gofer mounts
 */
public record SandboxSpec(String id, String rootType, String rootOptions, boolean readOnlyRoot,
                          List<MountSpec> mounts, String rootSource, FileAccessSettings fileAccess) {
    public SandboxSpec {
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        rootOptions = rootOptions == null ? "" : rootOptions;
        rootSource = rootSource == null || rootSource.isEmpty() ? "none" : rootSource;
        fileAccess = fileAccess == null ? FileAccessSettings.DEFAULT : fileAccess;
    }

    /** A spec with the default root source and file access. */
    public SandboxSpec(String id, String rootType, String rootOptions, boolean readOnlyRoot, List<MountSpec> mounts) {
        this(id, rootType, rootOptions, readOnlyRoot, mounts, "none", FileAccessSettings.DEFAULT);
    }

    /** The default sandbox: tmpfs root, devtmpfs /dev, tmpfs /tmp (mode 01777). */
    public static SandboxSpec defaults(String id) {
        return new SandboxSpec(id, "tmpfs", "mode=0755", false, List.of());
    }

    /**
     * A sandbox whose root is the gofer export {@code hostRoot} (served over the first
     * connection), with the given submounts.
     */
    public static SandboxSpec goferRoot(String id, String hostRoot, boolean readOnlyRoot, List<MountSpec> mounts) {
        return new SandboxSpec(id, "9p", "", readOnlyRoot, mounts, hostRoot, FileAccessSettings.DEFAULT);
    }

    /**
     * The sources of this spec's gofer mounts in the order their connections must be handed
     * to {@link SandboxManager#create(SandboxSpec, List)}: {@code rootSource} first when the
     * root is "9p", then the source of every {@link MountSpec#servedByGofer() gofer mount} in
     * spec order. A launcher starts (or reuses) a gofer exporting each and connects once per
     * entry.
     */
    public List<String> goferSources() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        if ("9p".equals(rootType)) {
            out.add(rootSource);
        }
        for (MountSpec m : mounts) {
            if (m != null && m.servedByGofer()) {
                out.add(m.source());
            }
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /** This spec with other file access settings. */
    public SandboxSpec withFileAccess(FileAccessSettings access) {
        return new SandboxSpec(id, rootType, rootOptions, readOnlyRoot, mounts, rootSource, access);
    }
}
