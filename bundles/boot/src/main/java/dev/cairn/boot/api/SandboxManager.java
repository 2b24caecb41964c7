package dev.cairn.boot.api;

import dev.cairn.vfs.ErrnoException;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The boot bundle's service: creates sandboxes (one VFS each, with every tracked filesystem
 * type and device registered by policy) and keeps them running while bundles come and go.
 */
@ProviderType
public interface SandboxManager {
    /**
     * Configuration Admin PID of the registration policy. Properties (metatype-described):
     * {@code allowUserMount}, {@code denyUserMount}, {@code unlisted}, {@code requiresDevice}
     * (String[] of type names) and {@code typeWaitMillis} (long, default 5000). Changes apply
     * live to every running sandbox.
     */
    String POLICY_PID = "dev.cairn.boot.policy";

    /**
     * Creates and mounts a sandbox. Waits (bounded by the policy's typeWaitMillis) for the
     * filesystem types the spec needs.
     *
     * @throws ErrnoException ENODEV naming the types still missing after the wait, EEXIST for
     *                        a duplicate id, EINVAL for a malformed spec (naming the field)
     */
    Sandbox create(SandboxSpec spec) throws ErrnoException;

    /** Running sandboxes, in creation order. */
    List<Sandbox> sandboxes();

    Optional<Sandbox> sandbox(String id);
}
