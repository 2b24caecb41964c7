package dev.cairn.boot.api;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.MountNamespace;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.VirtualFilesystem;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** A running sandbox: its VFS, its container mount namespace and its tasks. */
@ProviderType
public interface Sandbox {
    String id();

    SandboxSpec spec();

    VirtualFilesystem vfs();

    MountNamespace mountNamespace();

    /** A new task in the container's namespace (root and cwd "/"), e.g. for a shell. */
    Task newTask(Credentials creds);

    /**
     * Mounts of the spec that are not in place right now because their filesystem type is
     * not registered (its bundle stopped), as "TYPE on PATH". Empty when all are mounted.
     */
    List<String> pendingMounts();

    /** Unmounts everything (lazily) and removes the sandbox from its manager. */
    void close();
}
