package dev.cairn.vfs.core;

import dev.cairn.vfs.Capability;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.DeviceListener;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.Mount;
import dev.cairn.vfs.MountFlags;
import dev.cairn.vfs.MountNamespace;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import dev.cairn.vfs.spi.CharDevice;
import dev.cairn.vfs.spi.Filesystem;
import dev.cairn.vfs.spi.FilesystemType;
import dev.cairn.vfs.spi.Node;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The core's {@link VirtualFilesystem}: registries, namespaces, tasks; mounts via {@link Mounts}. */
final class CoreVfs implements VirtualFilesystem {
    private static final Logger LOG = LoggerFactory.getLogger(CoreVfs.class);
    static final int PER_MOUNT_FLAGS = MountFlags.MS_RDONLY | MountFlags.MS_NOSUID | MountFlags.MS_NODEV
            | MountFlags.MS_NOEXEC | MountFlags.MS_NOATIME;

    private final String name;
    /** The mount-table lock: mount trees, namespaces, fs instances, mount ids, device minors. */
    final Object mountLock = new Object();
    /** Held for renames across directories (Linux's s_vfs_rename_mutex), before any dir lock. */
    final ReentrantLock renameLock = new ReentrantLock();

    private record TypeEntry(FilesystemType type, TypePolicy policy) {
    }

    /** Guarded by itself. */
    private final TreeMap<String, TypeEntry> types = new TreeMap<>();
    /** Guarded by itself; key major << 32 | minor. */
    private final LinkedHashMap<Long, CharDevice> devices = new LinkedHashMap<>();
    private final CopyOnWriteArrayList<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, Object> attributes = new ConcurrentHashMap<>();

    /** Guarded by mountLock. */
    private final IdentityHashMap<Filesystem, FsInstance> instances = new IdentityHashMap<>();
    /** Guarded by mountLock. */
    private int nextMountId = 1;
    /** Guarded by mountLock. */
    private int nextMinor = 1;
    /** Guarded by mountLock. */
    private int nextNsId = 1;

    final Mounts mounts = new Mounts(this);
    final Fifos fifos = new Fifos();

    CoreVfs(String name) {
        this.name = name == null ? "vfs" : name;
    }

    @Override
    public String name() {
        return name;
    }

    // ---- types ----------------------------------------------------------------------

    @Override
    public void registerFilesystemType(String typeName, FilesystemType type, TypePolicy policy) throws ErrnoException {
        if (typeName == null || typeName.isEmpty() || type == null || policy == null) {
            throw Errno.EINVAL.exception("filesystem type \"" + typeName + "\": name, type and policy are required");
        }
        synchronized (types) {
            if (types.containsKey(typeName)) {
                throw Errno.EEXIST.exception("filesystem type " + typeName + " is already registered");
            }
            types.put(typeName, new TypeEntry(type, policy));
        }
        LOG.debug("{}: registered filesystem type {} {}", name, typeName, policy);
    }

    @Override
    public boolean unregisterFilesystemType(String typeName) {
        synchronized (types) {
            return types.remove(typeName) != null;
        }
    }

    @Override
    public void setTypePolicy(String typeName, TypePolicy policy) throws ErrnoException {
        if (policy == null) {
            throw Errno.EINVAL.exception("filesystem type " + typeName + ": null policy");
        }
        synchronized (types) {
            TypeEntry e = types.get(typeName);
            if (e == null) {
                throw Errno.ENODEV.exception("filesystem type " + typeName + " is not registered");
            }
            types.put(typeName, new TypeEntry(e.type(), policy));
        }
    }

    @Override
    public Optional<TypePolicy> typePolicy(String typeName) {
        synchronized (types) {
            TypeEntry e = types.get(typeName);
            return e == null ? Optional.empty() : Optional.of(e.policy());
        }
    }

    @Override
    public List<String> filesystemTypes() {
        synchronized (types) {
            return List.copyOf(types.keySet());
        }
    }

    @Override
    public String filesystemsText() {
        StringBuilder sb = new StringBuilder();
        synchronized (types) {
            for (Map.Entry<String, TypeEntry> e : types.entrySet()) {
                if (e.getValue().policy().allowUserList()) {
                    sb.append(e.getValue().policy().requiresDevice() ? "" : "nodev").append('\t')
                            .append(e.getKey()).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** The type for a mount request, after the EPERM and ENODEV checks. */
    FilesystemType typeFor(Credentials creds, MountRequest req) throws ErrnoException {
        if (!req.internal() && !creds.has(Capability.CAP_SYS_ADMIN)) {
            throw Errno.EPERM.exception("mount " + req.type() + ": CAP_SYS_ADMIN required");
        }
        if (req.type() == null || req.type().isEmpty()) {
            throw Errno.ENODEV.exception("mount: no filesystem type given");
        }
        TypeEntry e;
        synchronized (types) {
            e = types.get(req.type());
        }
        if (e == null || (!req.internal() && !e.policy().allowUserMount())) {
            throw Errno.ENODEV.exception("filesystem type " + req.type());
        }
        return e.type();
    }

    // ---- devices --------------------------------------------------------------------

    private static long devKey(int major, int minor) {
        return ((long) major << 32) | (minor & 0xffffffffL);
    }

    @Override
    public void registerCharDevice(CharDevice device) throws ErrnoException {
        if (device == null) {
            throw Errno.EINVAL.exception("null device");
        }
        long k = devKey(device.major(), device.minor());
        synchronized (devices) {
            if (devices.containsKey(k)) {
                throw Errno.EEXIST.exception("char device " + device.major() + ":" + device.minor()
                        + " is already registered");
            }
            devices.put(k, device);
        }
        for (DeviceListener l : listeners) {
            try {
                l.deviceAdded(device);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("{}: device listener failed on {}", name, device.nodeName(), e);
            }
        }
    }

    @Override
    public boolean unregisterCharDevice(int major, int minor) {
        CharDevice d;
        synchronized (devices) {
            d = devices.remove(devKey(major, minor));
        }
        if (d == null) {
            return false;
        }
        for (DeviceListener l : listeners) {
            try {
                l.deviceRemoved(d);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("{}: device listener failed on {}", name, d.nodeName(), e);
            }
        }
        return true;
    }

    @Override
    public Optional<CharDevice> charDevice(int major, int minor) {
        synchronized (devices) {
            return Optional.ofNullable(devices.get(devKey(major, minor)));
        }
    }

    @Override
    public List<CharDevice> charDevices() {
        synchronized (devices) {
            return List.copyOf(devices.values());
        }
    }

    @Override
    public void addDeviceListener(DeviceListener listener) {
        if (listener != null) {
            listeners.addIfAbsent(listener);
        }
    }

    @Override
    public void removeDeviceListener(DeviceListener listener) {
        listeners.remove(listener);
    }

    // ---- attributes -----------------------------------------------------------------

    @Override
    public <T> Optional<T> attribute(String key, Class<T> type) {
        Object v = key == null ? null : attributes.get(key);
        return type.isInstance(v) ? Optional.of(type.cast(v)) : Optional.empty();
    }

    @Override
    public void setAttribute(String key, Object value) {
        if (key == null) {
            return;
        }
        if (value == null) {
            attributes.remove(key);
        } else {
            attributes.put(key, value);
        }
    }

    // ---- namespaces and tasks -------------------------------------------------------

    @Override
    public MountNamespace newMountNamespace(Credentials creds, MountRequest root) throws ErrnoException {
        try {
            MountImpl m = newMount(creds, root);
            synchronized (mountLock) {
                NamespaceImpl ns = new NamespaceImpl(this, nextNsId++, m);
                m.attachLocked(ns, null, null);
                return ns;
            }
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "mount " + root.type());
        }
    }

    @Override
    public Task newTask(Credentials creds, MountNamespace ns) {
        NamespaceImpl n = namespace(ns);
        return new TaskImpl(this, creds == null ? Credentials.root() : creds, n);
    }

    static NamespaceImpl namespace(MountNamespace ns) {
        if (!(ns instanceof NamespaceImpl n)) {
            throw new IllegalArgumentException("not a namespace of the Cairn core: " + ns);
        }
        return n;
    }

    /** Creates a filesystem (or reuses a returned known instance) and a disconnected mount of it. */
    MountImpl newMount(Credentials creds, MountRequest req) throws ErrnoException {
        FilesystemType type = typeFor(creds, req);
        Filesystem fs = type.newFilesystem(new CoreMountContext(this, creds, req));
        if (fs == null || fs.root() == null) {
            throw Errno.EIO.exception("filesystem type " + req.type() + " returned no filesystem");
        }
        Node root = fs.root();
        int rootType = root.stat().mode() & FileType.S_IFMT;
        synchronized (mountLock) {
            FsInstance fsi = instances.get(fs);
            if (fsi == null || fsi.releasedLocked()) {
                fsi = new FsInstance(this, fs, req.type(), nextMinor++, rootType, req.readOnly());
                instances.put(fs, fsi);
            }
            fsi.incRef();
            return new MountImpl(this, nextMountId++, fsi, fsi.root, req.source(), req.flags());
        }
    }

    /** A new mount of an existing filesystem instance at {@code root} (bind, replicas). */
    MountImpl newMountOf(FsInstance fsi, Dentry root, String source, int flags) {
        synchronized (mountLock) {
            fsi.incRef();
            return new MountImpl(this, nextMountId++, fsi, root, source, flags);
        }
    }

    void maybeReleaseFs(FsInstance fsi) {
        synchronized (mountLock) {
            if (fsi.refs() == 0) {
                if (instances.get(fsi.fs) == fsi) {
                    instances.remove(fsi.fs);
                }
                fsi.releaseLocked();
            }
        }
    }

    void maybeFreeMount(MountImpl m) {
        synchronized (mountLock) {
            m.freeIfUnusedLocked();
        }
    }

    // ---- mounts (delegated) ---------------------------------------------------------

    @Override
    public Mount mountAt(Credentials creds, MountNamespace ns, String path, MountRequest request) throws ErrnoException {
        return mounts.mountAt(creds, namespace(ns), path, request);
    }

    @Override
    public Mount mountDisconnected(Credentials creds, MountRequest request) throws ErrnoException {
        try {
            return newMount(creds, request);
        } catch (RuntimeException | LinkageError e) {
            throw Guard.eio(e, "mount " + request.type());
        }
    }

    @Override
    public Mount newDisconnectedMount(Mount of, int flags) throws ErrnoException {
        MountImpl src = mounts.own(of);
        return newMountOf(src.fsi, src.root, src.source(), flags);
    }

    @Override
    public void connectMountAt(Credentials creds, Mount mount, MountNamespace ns, String path) throws ErrnoException {
        mounts.connectMountAt(creds, mounts.own(mount), namespace(ns), path);
    }

    @Override
    public void umountAt(Credentials creds, MountNamespace ns, String path, int flags) throws ErrnoException {
        mounts.umountAt(creds, namespace(ns), path, flags);
    }

    @Override
    public void detach(Mount mount) {
        if (mount instanceof MountImpl m) {
            mounts.detach(m);
        }
    }

    @Override
    public void setMountReadOnly(Mount mount, boolean readOnly) throws ErrnoException {
        mounts.setReadOnly(mounts.own(mount), readOnly);
    }

    @Override
    public void makeSyntheticMountpoint(Credentials creds, MountNamespace ns, String path) throws ErrnoException {
        mounts.makeSyntheticMountpoint(creds, namespace(ns), path);
    }

    @Override
    public void mkdirAllAt(Credentials creds, MountNamespace ns, String path, int mode) throws ErrnoException {
        mounts.mkdirAll(creds, namespace(ns), path, mode);
    }

    @Override
    public String mountInfo(Task task) {
        TaskImpl t = (TaskImpl) task;
        return MountInfo.mountInfo(this, t);
    }

    @Override
    public String mounts(Task task) {
        TaskImpl t = (TaskImpl) task;
        return MountInfo.mounts(this, t);
    }

    /** Mounts of a namespace, pre-order. */
    List<MountImpl> mountsOf(NamespaceImpl ns) {
        synchronized (mountLock) {
            List<MountImpl> out = new ArrayList<>();
            NamespaceImpl.collectLocked(ns.root, out);
            return out;
        }
    }

    @Override
    public String toString() {
        return "VirtualFilesystem[" + name + "]";
    }
}
