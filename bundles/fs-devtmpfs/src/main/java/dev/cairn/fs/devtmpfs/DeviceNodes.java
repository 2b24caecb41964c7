package dev.cairn.fs.devtmpfs;

import dev.cairn.vfs.DeviceListener;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.VirtualFilesystem;
import dev.cairn.vfs.spi.CharDevice;
import dev.cairn.vfs.spi.NodeAttrs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Populates one devtmpfs: the userspace-init entries once, then a node per character device
 * of the VFS, kept in step with the device registry as a {@link DeviceListener}.
 *
 * <p>Holds no reference to the VFS (the instance map is keyed weakly by it): the VFS is
 * passed to {@link #start} and {@link #stop}.
 */
final class DeviceNodes implements DeviceListener {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceNodes.class);

    /** Node names in the order their nodes are made; others follow in registration order. */
    static final List<String> ORDER = List.of("null", "zero", "full", "random", "urandom", "tty", "net/tun", "fuse");

    private record Event(boolean added, CharDevice device) {
    }

    private final DevFilesystem fs;
    /** Serialises {@link #start}; taken before this object's monitor, never inside it. */
    private final Object startLock = new Object();
    /** Guarded by startLock. */
    private boolean started;
    /** Set by {@link #stop}; guarded by startLock. */
    private boolean stopped;
    /** Events that arrive before the initial nodes exist; guarded by this, null once live. */
    private List<Event> pending = new ArrayList<>();

    DeviceNodes(DevFilesystem fs) {
        this.fs = fs;
    }

    /**
     * Makes the initial contents and starts following {@code vfs}'s devices; later calls do
     * nothing. The listener is added before the registry is read, so no device is missed;
     * events that arrive meanwhile are replayed after the initial nodes.
     */
    void start(VirtualFilesystem vfs) {
        synchronized (startLock) {
            if (started || stopped) {
                return;
            }
            started = true;
            vfs.addDeviceListener(this);
            List<CharDevice> present = new ArrayList<>(vfs.charDevices());
            present.sort(Comparator.comparingInt(DeviceNodes::rank));
            synchronized (this) {
                userspaceInit();
                present.forEach(d -> apply(new Event(true, d)));
                for (Event e : pending) {
                    apply(e);
                }
                pending = null;
            }
        }
    }

    /**
     * Stops following the devices of {@code vfs} for good (the type is going away); the nodes
     * stay as they are. A {@link #start} racing with this does nothing.
     */
    void stop(VirtualFilesystem vfs) {
        synchronized (startLock) {
            stopped = true;
            if (started) {
                vfs.removeDeviceListener(this);
            }
        }
    }

    /** Position in {@link #ORDER}; anything else (or a device that fails) goes after it. */
    private static int rank(CharDevice device) {
        int i;
        try {
            i = ORDER.indexOf(device.nodeName());
        } catch (RuntimeException bug) {
            i = -1;
        }
        return i < 0 ? ORDER.size() : i;
    }

    @Override
    public synchronized void deviceAdded(CharDevice device) {
        event(new Event(true, device));
    }

    @Override
    public synchronized void deviceRemoved(CharDevice device) {
        event(new Event(false, device));
    }

    private void event(Event e) {
        if (pending != null) {
            pending.add(e);
        } else {
            apply(e);
        }
    }

    /** Applies one event; a faulty third-party device cannot break the listener. */
    private void apply(Event e) {
        try {
            if (e.added) {
                addNode(e.device);
            } else {
                removeNode(e.device);
            }
        } catch (RuntimeException bug) {
            LOG.warn("devtmpfs: device {} failed while its node was {}", e.device,
                    e.added ? "made" : "removed", bug);
        }
    }

    /** gVisor's userspace init: the /proc/self/fd links, ptmx, shm/ and pts/. */
    private void userspaceInit() {
        DevDirectory root = fs.root();
        String[][] links = {
            {"fd", "/proc/self/fd"}, {"stdin", "/proc/self/fd/0"}, {"stdout", "/proc/self/fd/1"},
            {"stderr", "/proc/self/fd/2"}, {"ptmx", "pts/ptmx"},
        };
        try {
            for (String[] link : links) {
                root.symlink(link[0], link[1], new NodeAttrs(0120777, 0, 0));
            }
            root.mkdir("shm", new NodeAttrs(0040755, 0, 0));
            root.mkdir("pts", new NodeAttrs(0040755, 0, 0));
        } catch (ErrnoException e) {
            LOG.warn("devtmpfs userspace init incomplete: {}", e.getMessage());
        }
    }

    /** Makes the node of {@code device}, with missing parents (0755); a taken name is kept. */
    private void addNode(CharDevice device) {
        String[] parts = pathOf(device);
        if (parts == null) {
            return;
        }
        DevDirectory dir = fs.root();
        try {
            for (int i = 0; i < parts.length - 1; i++) {
                DevNode next = dir.child(parts[i]);
                if (next == null) {
                    next = dir.mkdirManaged(parts[i]);
                }
                if (!(next instanceof DevDirectory d)) {
                    LOG.warn("devtmpfs: no node for {}: {} is not a directory", describe(device), parts[i]);
                    return;
                }
                dir = d;
            }
            String leaf = parts[parts.length - 1];
            DevNode existing = dir.child(leaf);
            if (existing instanceof DevSpecialNode n && n.managed && n.isCharDevice(device.major(), device.minor())) {
                return;
            }
            if (existing != null) {
                LOG.warn("devtmpfs: no node for {}: /dev/{} exists", describe(device), device.nodeName());
                return;
            }
            dir.mknodManaged(leaf, device.mode(), device.major(), device.minor());
        } catch (ErrnoException e) {
            LOG.warn("devtmpfs: no node for {}: {}", describe(device), e.getMessage());
        }
    }

    /**
     * Removes the node devtmpfs made for {@code device}, then the parents it made that are
     * now empty, deepest first.
     */
    private void removeNode(CharDevice device) {
        String[] parts = pathOf(device);
        if (parts == null) {
            return;
        }
        List<DevDirectory> dirs = new ArrayList<>();
        DevDirectory dir = fs.root();
        dirs.add(dir);
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(dir.child(parts[i]) instanceof DevDirectory d)) {
                return;
            }
            dir = d;
            dirs.add(d);
        }
        String leaf = parts[parts.length - 1];
        try {
            if (dir.child(leaf) instanceof DevSpecialNode n && n.managed && n.isCharDevice(device.major(), device.minor())) {
                dir.unlink(leaf, n);
            }
            for (int i = dirs.size() - 1; i > 0; i--) {
                DevDirectory d = dirs.get(i);
                if (!d.managed || !d.isEmpty()) {
                    break;
                }
                dirs.get(i - 1).rmdir(parts[i - 1], d);
            }
        } catch (ErrnoException e) {
            LOG.debug("devtmpfs: removing the node of {}: {}", describe(device), e.getMessage());
        }
    }

    /** The components of the device's node name, or null (logged) when it is unusable. */
    private static String[] pathOf(CharDevice device) {
        String name = device.nodeName();
        if (name == null || name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
            LOG.warn("devtmpfs: device {}:{} has an unusable node name \"{}\"", device.major(), device.minor(), name);
            return null;
        }
        String[] parts = name.split("/");
        for (String p : parts) {
            if (p.isEmpty() || p.equals(".") || p.equals("..") || p.getBytes(StandardCharsets.UTF_8).length > 255
                    || p.indexOf('\0') >= 0) {
                LOG.warn("devtmpfs: device {}:{} has an unusable node name \"{}\"", device.major(), device.minor(),
                        name);
                return null;
            }
        }
        return parts;
    }

    private static String describe(CharDevice device) {
        return device.nodeName() + " (" + device.major() + ":" + device.minor() + ")";
    }
}
