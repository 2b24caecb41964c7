package dev.cairn.boot.api;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.io.IOException;
import java.nio.channels.ByteChannel;
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

    /**
     * Creates and mounts a sandbox whose {@code 9p} root and bind mounts are served over the
     * given gofer connections, dispensed in order: the root's first (when {@code rootType} is
     * "9p"), then one per bind mount in spec order (before mounts are sorted). Connection
     * {@code i} is mounted with {@code trans=fd,rfdno=i,wfdno=i}. Each must be a blocking,
     * connected, bidirectional byte stream to a 9P2000.L server exporting that mount's
     * source (e.g. a unix-domain {@code SocketChannel} to fs-gofer's {@code GoferMain --root
     * DIR --listen unix:PATH}). {@link SandboxSpec#goferSources()} lists the exports, in
     * this order.
     *
     * <p>The manager takes ownership of every connection: when creation fails they are all
     * closed (and whatever was mounted is detached); otherwise the sandbox's filesystems use
     * them and {@link Sandbox#close()} closes them. If a gofer dies, operations on its mounts
     * fail with EIO and the sandbox stays up.
     *
     * <p>The default method serves managers without gofer support: with no connections it is
     * {@link #create(SandboxSpec)}, otherwise it closes them and fails with EINVAL. Boot's
     * manager implements it.
     *
     * @throws ErrnoException as {@link #create(SandboxSpec)}; EINVAL "9P mount requires a
     *                        connection" when there are fewer connections than gofer mounts,
     *                        EINVAL "not all gofer connections were consumed" when more
     */
    default Sandbox create(SandboxSpec spec, List<? extends ByteChannel> connections) throws ErrnoException {
        if (connections == null || connections.isEmpty()) {
            return create(spec);
        }
        for (ByteChannel c : connections) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException | RuntimeException e) {
                // the caller handed it over; nothing else can be done with it
            }
        }
        throw Errno.EINVAL.exception("sandbox " + (spec == null ? null : spec.id())
                + ": this SandboxManager does not take gofer connections");
    }

    /** Running sandboxes, in creation order. */
    List<Sandbox> sandboxes();

    Optional<Sandbox> sandbox(String id);
}
