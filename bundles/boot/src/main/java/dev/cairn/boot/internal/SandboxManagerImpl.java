package dev.cairn.boot.internal;

import dev.cairn.boot.api.Sandbox;
import dev.cairn.boot.api.SandboxManager;
import dev.cairn.boot.api.SandboxSpec;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.VirtualFilesystem;
import dev.cairn.vfs.spi.CharDevice;
import dev.cairn.vfs.spi.FilesystemType;
import java.nio.channels.ByteChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boot's one component: tracks filesystem types and character devices, registers each in
 * every sandbox's VFS under the policy, and builds sandboxes from specs.
 *
 * <p>Two services with one type name (or one device number): the first bound is used, the
 * second is logged and kept as a stand-by that takes over when the first goes away.
 */
@Component(service = SandboxManager.class, immediate = true,
        configurationPid = SandboxManager.POLICY_PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PolicyConfig.class)
public final class SandboxManagerImpl implements SandboxManager {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxManagerImpl.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition typesChanged = lock.newCondition();
    /** Type name → services of that name, the active one first. Guarded by lock. */
    private final Map<String, List<FilesystemType>> types = new LinkedHashMap<>();
    /** "major:minor" → devices with that number, the active one first. Guarded by lock. */
    private final Map<String, List<CharDevice>> devices = new LinkedHashMap<>();
    /** Guarded by lock. */
    private final List<SandboxImpl> sandboxes = new ArrayList<>();
    /** Guarded by lock. */
    private PolicySettings settings = PolicySettings.DEFAULTS;
    /** Guarded by lock. */
    private boolean stopped;

    public SandboxManagerImpl() {
    }

    /**
     * Reads the raw properties rather than a {@link PolicyConfig} proxy so that a malformed
     * value (a non-numeric typeWaitMillis) is logged and defaulted instead of failing the
     * component; {@link PolicyConfig} still describes the PID through metatype.
     */
    @Activate
    void activate(Map<String, Object> properties) {
        applySettings(PolicySettings.from(properties));
    }

    @Modified
    void modified(Map<String, Object> properties) {
        applySettings(PolicySettings.from(properties));
    }

    @Deactivate
    void deactivate() {
        locked(() -> {
            stopped = true;
            for (SandboxImpl s : List.copyOf(sandboxes)) {
                s.shutdown();
            }
            sandboxes.clear();
            typesChanged.signalAll();
            return null;
        });
    }

    /** Applies a policy to every registered type of every sandbox, live. */
    void applySettings(PolicySettings next) {
        locked(() -> {
            settings = next;
            for (String name : types.keySet()) {
                for (SandboxImpl s : sandboxes) {
                    s.setPolicy(name, next.policyFor(name));
                }
            }
            LOG.info("registration policy: {}", next);
            return null;
        });
    }

    // ---- filesystem types -----------------------------------------------------------

    @Reference(name = "filesystemType", service = FilesystemType.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeType")
    void addType(FilesystemType type, Map<String, Object> props) {
        String name = typeName(type, props);
        if (name == null) {
            return;
        }
        locked(() -> {
            List<FilesystemType> list = types.computeIfAbsent(name, k -> new ArrayList<>());
            list.add(type);
            if (list.size() > 1) {
                LOG.warn("filesystem type {} from service {} ignored: a type of that name is already registered (EEXIST)",
                        name, props.get("service.id"));
                return null;
            }
            activateType(name, type);
            return null;
        });
    }

    void removeType(FilesystemType type, Map<String, Object> props) {
        locked(() -> {
            for (Map.Entry<String, List<FilesystemType>> e : types.entrySet()) {
                List<FilesystemType> list = e.getValue();
                int index = indexOf(list, type);
                if (index < 0) {
                    continue;
                }
                list.remove(index);
                String name = e.getKey();
                if (index == 0) {
                    LOG.info("filesystem type {} gone", name);
                    sandboxes.forEach(s -> s.unregisterType(name));
                    if (list.isEmpty()) {
                        types.remove(name);
                    } else {
                        LOG.info("filesystem type {}: stand-by service takes over", name);
                        activateType(name, list.get(0));
                    }
                }
                return null;
            }
            return null;
        });
    }

    private void activateType(String name, FilesystemType type) {
        LOG.info("filesystem type {} registered with {}", name, settings.policyFor(name));
        for (SandboxImpl s : sandboxes) {
            s.registerType(name, type, settings.policyFor(name));
        }
        typesChanged.signalAll();
    }

    private static String typeName(FilesystemType type, Map<String, Object> props) {
        Object prop = props.get(FilesystemType.NAME_PROPERTY);
        if (prop instanceof String s && !s.isBlank()) {
            return s;
        }
        try {
            String n = type.name();
            if (n != null && !n.isBlank()) {
                return n;
            }
        } catch (RuntimeException e) {
            LOG.warn("filesystem type service {}: name() failed", props.get("service.id"), e);
            return null;
        }
        LOG.warn("filesystem type service {} has no name ({} property); ignored",
                props.get("service.id"), FilesystemType.NAME_PROPERTY);
        return null;
    }

    // ---- devices --------------------------------------------------------------------

    @Reference(name = "charDevice", service = CharDevice.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeDevice")
    void addDevice(CharDevice device, Map<String, Object> props) {
        String key = deviceKey(device);
        if (key == null) {
            return;
        }
        Object prop = props.get(CharDevice.DEVICE_PROPERTY);
        if (prop != null && !key.equals(String.valueOf(prop))) {
            LOG.warn("device service {}: property {}={} but the device says {}; using {}",
                    props.get("service.id"), CharDevice.DEVICE_PROPERTY, prop, key, key);
        }
        locked(() -> {
            List<CharDevice> list = devices.computeIfAbsent(key, k -> new ArrayList<>());
            list.add(device);
            if (list.size() > 1) {
                LOG.warn("device {} from service {} ignored: that number is already registered (EEXIST)",
                        key, props.get("service.id"));
                return null;
            }
            sandboxes.forEach(s -> s.registerDevice(device));
            return null;
        });
    }

    void removeDevice(CharDevice device, Map<String, Object> props) {
        locked(() -> {
            for (Map.Entry<String, List<CharDevice>> e : devices.entrySet()) {
                List<CharDevice> list = e.getValue();
                int index = indexOf(list, device);
                if (index < 0) {
                    continue;
                }
                list.remove(index);
                if (index == 0) {
                    sandboxes.forEach(s -> s.unregisterDevice(device));
                    if (list.isEmpty()) {
                        devices.remove(e.getKey());
                    } else {
                        sandboxes.forEach(s -> s.registerDevice(list.get(0)));
                    }
                }
                return null;
            }
            return null;
        });
    }

    private static String deviceKey(CharDevice device) {
        try {
            return device.major() + ":" + device.minor();
        } catch (RuntimeException e) {
            LOG.warn("device service: major()/minor() failed; ignored", e);
            return null;
        }
    }

    private static <T> int indexOf(List<T> list, T item) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == item) {
                return i;
            }
        }
        return -1;
    }

    // ---- sandboxes ------------------------------------------------------------------

    @Override
    public Sandbox create(SandboxSpec spec) throws ErrnoException {
        return create(spec, List.of());
    }

    /**
     * Owns {@code connections} from the call on: any failure closes them all (after the
     * mounter detached what it had mounted); a sandbox closes them when it is closed.
     */
    @Override
    public Sandbox create(SandboxSpec spec, List<? extends ByteChannel> connections) throws ErrnoException {
        String id = spec == null ? null : spec.id();
        List<? extends ByteChannel> conns = connections == null ? List.of() : connections;
        boolean made = false;
        try {
            checkConnections(id, conns);
            SandboxImpl sandbox = createLocked(spec, List.copyOf(conns));
            made = true;
            return sandbox;
        } finally {
            if (!made) {
                Gofer.closeAll(String.valueOf(id), conns);
            }
        }
    }

    private static void checkConnections(String id, List<? extends ByteChannel> conns) throws ErrnoException {
        for (int i = 0; i < conns.size(); i++) {
            if (conns.get(i) == null) {
                throw Errno.EINVAL.exception("sandbox " + id + ": gofer connection " + i + " is null");
            }
        }
    }

    private SandboxImpl createLocked(SandboxSpec spec, List<ByteChannel> connections) throws ErrnoException {
        SpecPlanner.Plan plan = SpecPlanner.plan(spec, connections.size());
        lock.lock();
        try {
            checkUsable(spec.id());
            awaitTypes(spec.id(), plan.neededTypes());
            checkUsable(spec.id());
            VirtualFilesystem vfs = newVfs(spec.id());
            ContainerMounter.Mounted mounted;
            try {
                mounted = new ContainerMounter(vfs, connections).mountAll(plan);
            } catch (RuntimeException e) {
                throw new ErrnoException(Errno.EIO, "sandbox " + spec.id() + ": mounting failed: " + e, e);
            } catch (ErrnoException e) {
                throw e.withContext("sandbox " + spec.id());
            }
            SandboxImpl sandbox = new SandboxImpl(this, spec, vfs, mounted, connections);
            sandboxes.add(sandbox);
            LOG.info("sandbox {} created with {} mounts and {} gofer connections", spec.id(),
                    mounted.ns().mounts().size(), connections.size());
            return sandbox;
        } finally {
            lock.unlock();
        }
    }

    private void checkUsable(String id) throws ErrnoException {
        if (stopped) {
            throw Errno.ENODEV.exception("sandbox " + id + ": the sandbox manager is stopped");
        }
        if (sandboxes.stream().anyMatch(s -> s.id().equals(id))) {
            throw Errno.EEXIST.exception("sandbox " + id + " already exists");
        }
    }

    /** A new VFS with every active type and device registered. Called under lock. */
    private VirtualFilesystem newVfs(String id) throws ErrnoException {
        VirtualFilesystem vfs;
        try {
            vfs = VirtualFilesystem.create(id);
        } catch (RuntimeException e) {
            throw new ErrnoException(Errno.EIO, "sandbox " + id + ": cannot create its VFS: " + e, e);
        }
        for (Map.Entry<String, List<FilesystemType>> e : types.entrySet()) {
            vfs.registerFilesystemType(e.getKey(), e.getValue().get(0), settings.policyFor(e.getKey()));
        }
        for (List<CharDevice> list : devices.values()) {
            try {
                vfs.registerCharDevice(list.get(0));
            } catch (ErrnoException e) {
                LOG.warn("sandbox {}: {}", id, e.getMessage());
            }
        }
        return vfs;
    }

    /** Bounded wait (typeWaitMillis) until every needed type is registered. Called under lock. */
    private void awaitTypes(String id, Set<String> needed) throws ErrnoException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.typeWaitMillis());
        while (true) {
            Set<String> missing = new LinkedHashSet<>(needed);
            missing.removeAll(types.keySet());
            if (missing.isEmpty()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || stopped) {
                throw Errno.ENODEV.exception("sandbox " + id + ": filesystem types not registered after "
                        + settings.typeWaitMillis() + " ms: " + String.join(", ", missing));
            }
            try {
                typesChanged.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Errno.EINTR.exception("sandbox " + id + ": interrupted waiting for " + String.join(", ", missing));
            }
        }
    }

    @Override
    public List<Sandbox> sandboxes() {
        return locked(() -> List.copyOf(sandboxes));
    }

    @Override
    public Optional<Sandbox> sandbox(String id) {
        return locked(() -> sandboxes.stream().filter(s -> s.id().equals(id)).<Sandbox>map(s -> s).findFirst());
    }

    void close(SandboxImpl sandbox) {
        locked(() -> {
            if (sandboxes.remove(sandbox)) {
                sandbox.shutdown();
                LOG.info("sandbox {} closed", sandbox.id());
            }
            return null;
        });
    }

    <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }
}
