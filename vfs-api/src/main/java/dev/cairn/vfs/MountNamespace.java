package dev.cairn.vfs;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** A mount namespace: a root mount and the tree of mounts below it. Provided by the core. */
@ProviderType
public interface MountNamespace {
    Mount root();

    /** The namespace's mounts, parents before children, in mount order. */
    List<Mount> mounts();
}
