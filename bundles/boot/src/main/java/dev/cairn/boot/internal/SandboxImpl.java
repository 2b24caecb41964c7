package dev.cairn.boot.internal;

import dev.cairn.boot.api.Sandbox;
import dev.cairn.boot.api.SandboxSpec;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.Mount;
import dev.cairn.vfs.MountNamespace;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import dev.cairn.vfs.spi.CharDevice;
import dev.cairn.vfs.spi.FilesystemType;
import java.nio.channels.ByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sandbox. Every method that changes registrations or mounts runs under the
 * manager's lock (the manager calls them); the read-only accessors need no lock.
 */
final class SandboxImpl implements Sandbox {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxImpl.class);

    private final SandboxManagerImpl manager;
    private final SandboxSpec spec;
    private final VirtualFilesystem vfs;
    private final MountNamespace ns;
    /** Spec mounts in mount order; guarded by the manager's lock. */
    private final List<Slot> slots;
    private final ContainerMounter mounter;
    /** The gofer connections handed over at creation; closed by {@link #shutdown()}. */
    private final List<? extends ByteChannel> connections;
    /** Guarded by the manager's lock. */
    private boolean closed;

    SandboxImpl(SandboxManagerImpl manager, SandboxSpec spec, VirtualFilesystem vfs, ContainerMounter.Mounted mounted,
                List<? extends ByteChannel> connections) {
        this.manager = manager;
        this.spec = spec;
        this.vfs = vfs;
        this.ns = mounted.ns();
        this.slots = new ArrayList<>(mounted.slots());
        this.connections = List.copyOf(connections);
        this.mounter = new ContainerMounter(vfs, this.connections);
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public SandboxSpec spec() {
        return spec;
    }

    @Override
    public VirtualFilesystem vfs() {
        return vfs;
    }

    @Override
    public MountNamespace mountNamespace() {
        return ns;
    }

    @Override
    public Task newTask(Credentials creds) {
        return vfs.newTask(creds, ns);
    }

    @Override
    public List<String> pendingMounts() {
        return manager.locked(() -> {
            List<String> out = new ArrayList<>();
            if (closed) {
                return out;
            }
            for (Slot s : slots) {
                if (s.pending()) {
                    out.add(s.planned.describe());
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        manager.close(this);
    }

    @Override
    public String toString() {
        return "Sandbox[" + spec.id() + "]";
    }

    // ---- called by the manager, under its lock ----------------------------------------

    void registerType(String name, FilesystemType type, TypePolicy policy) {
        try {
            vfs.registerFilesystemType(name, type, policy);
        } catch (ErrnoException e) {
            LOG.warn("{}: filesystem type {} not registered: {}", spec.id(), name, e.getMessage());
            return;
        }
        mounter.remount(ns, slots, s -> vfs.typePolicy(s.planned.type()).isPresent());
    }

    /**
     * The type's bundle is gone: unregister it and detach (lazily) every mount of it except
     * the namespace root, with the spec mounts stacked on those; the spec mounts become
     * pending. The root stays: its filesystem keeps working on the classes already loaded.
     */
    void unregisterType(String name) {
        vfs.unregisterFilesystemType(name);
        List<Slot> gone = new ArrayList<>();
        for (Slot s : slots) {
            if (s.pending()) {
                continue;
            }
            boolean ofType = s.planned.type().equals(name);
            boolean onGone = gone.stream().anyMatch(g -> s.planned.below(g.planned));
            if (ofType || onGone) {
                gone.add(s);
            }
        }
        for (int i = gone.size() - 1; i >= 0; i--) {
            Slot s = gone.get(i);
            vfs.detach(s.mount);
            s.mount = null;
            LOG.info("{}: detached {} (pending until {} returns)", spec.id(), s.planned.describe(), s.planned.type());
        }
        List<Mount> others = new ArrayList<>(ns.mounts());
        for (int i = others.size() - 1; i >= 0; i--) {
            Mount m = others.get(i);
            if (m != ns.root() && m.attached() && m.type().equals(name)) {
                vfs.detach(m);
                LOG.info("{}: detached user mount {} on {}", spec.id(), name, m.mountPoint());
            }
        }
    }

    void setPolicy(String name, TypePolicy policy) {
        try {
            vfs.setTypePolicy(name, policy);
        } catch (ErrnoException e) {
            LOG.warn("{}: policy of {} not changed: {}", spec.id(), name, e.getMessage());
        }
    }

    void registerDevice(CharDevice device) {
        try {
            vfs.registerCharDevice(device);
        } catch (ErrnoException e) {
            LOG.warn("{}: device {}:{} not registered: {}", spec.id(), device.major(), device.minor(), e.getMessage());
        }
    }

    void unregisterDevice(CharDevice device) {
        if (vfs.charDevice(device.major(), device.minor()).filter(d -> d == device).isPresent()) {
            vfs.unregisterCharDevice(device.major(), device.minor());
        }
    }

    /**
     * Detaches every mount but the root, innermost first, and closes the gofer connections
     * (the root's filesystem is never released by the VFS, so its connection is closed here).
     */
    void shutdown() {
        mounter.undo(ns);
        slots.forEach(s -> s.mount = null);
        Gofer.closeAll(spec.id(), connections);
        closed = true;
    }
}
