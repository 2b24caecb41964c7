package dev.cairn.shell;

import dev.cairn.boot.api.Sandbox;
import dev.cairn.boot.api.SandboxManager;
import dev.cairn.boot.api.SandboxSpec;
import dev.cairn.fs.tmpfs.TmpfsFilesystemType;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountNamespace;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sandboxes for the shell's tests: each one a real VFS (the core) with the real tmpfs type
 * registered and a tmpfs root. Only the bookkeeping of boot's SandboxManager is stood in for.
 */
final class TestSandboxes implements SandboxManager {
    private final List<Sandbox> running = new CopyOnWriteArrayList<>();

    @Override
    public Sandbox create(SandboxSpec spec) throws ErrnoException {
        VirtualFilesystem vfs = VirtualFilesystem.create(spec.id());
        vfs.registerFilesystemType("tmpfs", new TmpfsFilesystemType(), TypePolicy.USER_MOUNTABLE);
        MountNamespace ns = vfs.newMountNamespace(Credentials.root(),
                MountRequest.internal("tmpfs", "tmpfs", 0, spec.rootOptions()));
        Box box = new Box(spec, vfs, ns);
        running.add(box);
        return box;
    }

    @Override
    public List<Sandbox> sandboxes() {
        return List.copyOf(running);
    }

    @Override
    public Optional<Sandbox> sandbox(String id) {
        return running.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private final class Box implements Sandbox {
        private final SandboxSpec spec;
        private final VirtualFilesystem vfs;
        private final MountNamespace ns;

        Box(SandboxSpec spec, VirtualFilesystem vfs, MountNamespace ns) {
            this.spec = spec;
            this.vfs = vfs;
            this.ns = ns;
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
            return List.of();
        }

        @Override
        public void close() {
            running.remove(this);
        }
    }
}
