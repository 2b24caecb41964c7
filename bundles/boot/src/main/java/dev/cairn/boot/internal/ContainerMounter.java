package dev.cairn.boot.internal;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.Mount;
import dev.cairn.vfs.MountNamespace;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.VirtualFilesystem;
import java.nio.channels.ByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts a {@link SpecPlanner.Plan} into one VFS with root credentials (gVisor's
 * containerMounter.mountAll): root namespace (tmpfs or 9p), then the submounts in plan order
 * (mount points made synthetic), then the /tmp rule; read-only mounts and a read-only root
 * are writable while setup runs and read-only at its end. A gofer mount gets the handed-over
 * connection its plan names. When a mount fails, the submounts already made are detached
 * (innermost first) before the error is thrown; the caller drops the VFS and closes the
 * connections.
 *
 * <p>Not done here (yet): overlay, mandatory /proc /sys /dev/pts, mount hints, restore.
 */
final class ContainerMounter {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerMounter.class);
    static final PlannedMount TMP = new PlannedMount("/tmp", "tmpfs", "none", 0, "mode=01777");

    private final VirtualFilesystem vfs;
    private final List<? extends ByteChannel> connections;
    private final Credentials creds = Credentials.root();

    /** A mounted sandbox: its namespace and one slot per planned submount, in mount order. */
    record Mounted(MountNamespace ns, List<Slot> slots) {
    }

    ContainerMounter(VirtualFilesystem vfs, List<? extends ByteChannel> connections) {
        this.vfs = vfs;
        this.connections = List.copyOf(connections);
    }

    Mounted mountAll(SpecPlanner.Plan plan) throws ErrnoException {
        MountNamespace ns;
        try {
            ns = vfs.newMountNamespace(creds, plan.root().request(connections));
        } catch (ErrnoException e) {
            throw e.withContext("mount root " + plan.root().type()
                    + (plan.root().data().isEmpty() ? "" : " (" + plan.root().data() + ")"));
        }
        List<Slot> slots = new ArrayList<>();
        try {
            List<Mount> makeReadOnly = new ArrayList<>();
            writableDuringSetup(ns.root(), makeReadOnly);
            for (PlannedMount p : plan.submounts()) {
                slots.add(new Slot(p, mountOne(ns, p, makeReadOnly)));
            }
            if (!plan.explicitTmp() && tmpNeedsMount(ns)) {
                slots.add(new Slot(TMP, mountOne(ns, TMP, makeReadOnly)));
            }
            restoreReadOnly(makeReadOnly);
        } catch (ErrnoException | RuntimeException e) {
            undo(ns);
            throw e;
        }
        return new Mounted(ns, slots);
    }

    /** Detaches every mount of {@code ns} but its root, innermost first. */
    void undo(MountNamespace ns) {
        List<Mount> all = new ArrayList<>(ns.mounts());
        for (int i = all.size() - 1; i >= 0; i--) {
            Mount m = all.get(i);
            if (m != ns.root() && m.attached()) {
                vfs.detach(m);
            }
        }
    }

    /**
     * Mounts the pending slots that {@code ready} accepts, in order, skipping those under a
     * slot that stays pending. A slot that fails to mount is logged and stays pending; so
     * does a gofer slot (its connection went with its filesystem, and a new one cannot be
     * asked for yet).
     *
     * @return the number of slots mounted
     */
    int remount(MountNamespace ns, List<Slot> slots, Predicate<Slot> ready) {
        if (!anyReady(slots, ready)) {
            return 0;
        }
        List<Mount> makeReadOnly = new ArrayList<>();
        int mounted = 0;
        try {
            writableDuringSetup(ns.root(), makeReadOnly);
        } catch (ErrnoException e) {
            LOG.warn("{}: cannot make the root writable to re-mount: {}", vfs.name(), e.getMessage());
            return 0;
        }
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            if (!s.pending() || !ready.test(s) || underPending(slots, i)) {
                continue;
            }
            if (s.planned.usesConnection()) {
                LOG.warn("{}: {} stays pending: its gofer connection closed with its old filesystem",
                        vfs.name(), s.planned.describe());
                continue;
            }
            try {
                s.mount = mountOne(ns, s.planned, makeReadOnly);
                mounted++;
                LOG.info("{}: re-mounted {}", vfs.name(), s.planned.describe());
            } catch (ErrnoException e) {
                LOG.warn("{}: re-mounting {} failed: {}", vfs.name(), s.planned.describe(), e.getMessage());
            }
        }
        try {
            restoreReadOnly(makeReadOnly);
        } catch (ErrnoException e) {
            LOG.warn("{}: cannot restore a read-only mount after re-mounting: {}", vfs.name(), e.getMessage());
        }
        return mounted;
    }

    private static boolean anyReady(List<Slot> slots, Predicate<Slot> ready) {
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            if (s.pending() && ready.test(s) && !underPending(slots, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean underPending(List<Slot> slots, int index) {
        PlannedMount p = slots.get(index).planned;
        for (int j = 0; j < index; j++) {
            Slot other = slots.get(j);
            if (other.pending() && p.below(other.planned)) {
                return true;
            }
        }
        return false;
    }

    private Mount mountOne(MountNamespace ns, PlannedMount p, List<Mount> makeReadOnly) throws ErrnoException {
        try {
            vfs.makeSyntheticMountpoint(creds, ns, p.destination());
        } catch (ErrnoException e) {
            throw e.withContext("creating mount point " + p.destination());
        }
        Mount m;
        try {
            m = vfs.mountAt(creds, ns, p.destination(), p.request(connections));
        } catch (ErrnoException e) {
            throw e.withContext("mount " + p.describe() + (p.data().isEmpty() ? "" : " (" + p.data() + ")"));
        }
        LOG.debug("{}: mounted {} data \"{}\"", vfs.name(), p.describe(), p.data());
        writableDuringSetup(m, makeReadOnly);
        return m;
    }

    private void writableDuringSetup(Mount m, List<Mount> makeReadOnly) throws ErrnoException {
        if (m.readOnly()) {
            vfs.setMountReadOnly(m, false);
            makeReadOnly.add(m);
        }
    }

    /** Innermost first, the root last. */
    private void restoreReadOnly(List<Mount> mounts) throws ErrnoException {
        for (int i = mounts.size() - 1; i >= 0; i--) {
            Mount m = mounts.get(i);
            try {
                vfs.setMountReadOnly(m, true);
            } catch (ErrnoException e) {
                throw e.withContext("restoring " + (m.mountPoint().isEmpty() ? "/" : m.mountPoint()) + " to read-only");
            }
        }
    }

    /**
     * SEMANTICS step 7: mount /tmp unless it is a non-empty directory (mount points count as
     * entries) or not a directory at all; absent is fine (it is created).
     */
    private boolean tmpNeedsMount(MountNamespace ns) throws ErrnoException {
        Task task = vfs.newTask(creds, ns);
        try {
            Stat st = task.stat("/tmp");
            if (!st.isDirectory()) {
                LOG.info("{}: /tmp is not a directory; no internal tmpfs on it", vfs.name());
                return false;
            }
            if (!task.listDir("/tmp").isEmpty()) {
                LOG.info("{}: /tmp is not empty; no internal tmpfs on it", vfs.name());
                return false;
            }
            return true;
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT) {
                return true;
            }
            if (e.errno() == Errno.ENOTDIR) {
                LOG.info("{}: /tmp cannot be a directory here; no internal tmpfs on it", vfs.name());
                return false;
            }
            throw e.withContext("opening /tmp inside sandbox " + vfs.name());
        } finally {
            task.exit();
        }
    }
}
