package dev.cairn.vfs;

import dev.cairn.vfs.spi.CharDevice;
import dev.cairn.vfs.spi.FilesystemType;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One sandbox's virtual filesystem (gVisor's {@code vfs.VirtualFilesystem} plus the parts of
 * its kernel the VFS needs): registered filesystem types, the character-device registry,
 * mount namespaces, mounts, and the tasks that use them. Thread-safe.
 *
 * <p>Paths given to the mount methods here are absolute and resolved from the namespace's
 * root with root credentials' view of permission ({@code creds} decides); user-facing code
 * goes through {@link Task} instead.
 */
@ProviderType
public interface VirtualFilesystem {
    /** A new, empty VFS (no types, no devices, no namespaces). */
    static VirtualFilesystem create(String name) {
        return dev.cairn.vfs.core.Vfs.create(name);
    }

    /** A name for logs ("sandbox-1"). */
    String name();

    // ---- filesystem types -------------------------------------------------------------

    /**
     * Registers a type under {@code name} with a policy.
     *
     * @throws ErrnoException EEXIST when the name is already registered
     */
    void registerFilesystemType(String name, FilesystemType type, TypePolicy policy) throws ErrnoException;

    /**
     * Removes a type. Its existing mounts stay as they are (boot detaches them); new mounts
     * of it fail with ENODEV.
     *
     * @return false when it was not registered
     */
    boolean unregisterFilesystemType(String name);

    /** Changes the policy of a registered type. ENODEV when not registered. */
    void setTypePolicy(String name, TypePolicy policy) throws ErrnoException;

    Optional<TypePolicy> typePolicy(String name);

    /** Registered type names, sorted. */
    List<String> filesystemTypes();

    /** The text of /proc/filesystems: {@code nodev\t<name>\n} per listed type, sorted. */
    String filesystemsText();

    // ---- devices ----------------------------------------------------------------------

    /**
     * Registers a character device under its major:minor; listeners are told.
     *
     * @throws ErrnoException EEXIST when that number is taken
     */
    void registerCharDevice(CharDevice device) throws ErrnoException;

    /** Removes a device; listeners are told. False when none was registered there. */
    boolean unregisterCharDevice(int major, int minor);

    Optional<CharDevice> charDevice(int major, int minor);

    /** Registered devices in registration order. */
    List<CharDevice> charDevices();

    void addDeviceListener(DeviceListener listener);

    void removeDeviceListener(DeviceListener listener);

    // ---- sandbox-wide attributes (InetStack, gofer connections, fuse enabled, ...) ----

    <T> Optional<T> attribute(String key, Class<T> type);

    void setAttribute(String key, Object value);

    // ---- namespaces and tasks ---------------------------------------------------------

    /**
     * A new mount namespace whose root is a new mount of {@code root}.
     *
     * @throws ErrnoException ENODEV for an unknown type, and whatever the type reports
     */
    MountNamespace newMountNamespace(Credentials creds, MountRequest root) throws ErrnoException;

    /** A task in {@code ns} with root and cwd at the namespace root, umask 022, no fds. */
    Task newTask(Credentials creds, MountNamespace ns);

    // ---- mounts (gVisor's MountAt & co.) ----------------------------------------------

    /**
     * Mounts a new filesystem at {@code path} in {@code ns}. User requests are checked:
     * CAP_SYS_ADMIN (EPERM), type registered and AllowUserMount (ENODEV).
     *
     * @throws ErrnoException ENOENT/ENOTDIR for the mount point, ENODEV, EPERM, EINVAL
     */
    Mount mountAt(Credentials creds, MountNamespace ns, String path, MountRequest request) throws ErrnoException;

    /** A new mount of a new filesystem that is attached nowhere (for overlay lowers, masters). */
    Mount mountDisconnected(Credentials creds, MountRequest request) throws ErrnoException;

    /** Another disconnected mount of {@code of}'s filesystem and root, with its own flags. */
    Mount newDisconnectedMount(Mount of, int flags) throws ErrnoException;

    /**
     * Attaches a disconnected mount at {@code path}.
     *
     * @throws ErrnoException EINVAL when {@code mount} is already attached
     */
    void connectMountAt(Credentials creds, Mount mount, MountNamespace ns, String path) throws ErrnoException;

    /**
     * umount2(2) of the mount whose root is at {@code path}.
     *
     * @param flags 0 or {@link MountFlags#MNT_DETACH}
     * @throws ErrnoException EINVAL when {@code path} is not a mount root or is the namespace
     *                        root; EBUSY when it has child mounts or open files and is not
     *                        detached
     */
    void umountAt(Credentials creds, MountNamespace ns, String path, int flags) throws ErrnoException;

    /** Detaches {@code mount} lazily wherever it is (used when a type's bundle goes away). */
    void detach(Mount mount);

    /**
     * Makes a mount read-only or writable.
     *
     * @throws ErrnoException EBUSY when making it read-only while files are open for writing
     */
    void setMountReadOnly(Mount mount, boolean readOnly) throws ErrnoException;

    /**
     * Makes {@code path} exist as a mount point: missing parents and the target are created
     * as synthetic directories (mode 0777, not stored in the underlying filesystem when it
     * refuses mkdir). An existing node of any type is accepted.
     */
    void makeSyntheticMountpoint(Credentials creds, MountNamespace ns, String path) throws ErrnoException;

    /** mkdir -p with {@code mode}; existing directories are fine, ENOTDIR for a file. */
    void mkdirAllAt(Credentials creds, MountNamespace ns, String path, int mode) throws ErrnoException;

    /** /proc/self/mountinfo text for mounts visible from {@code task}'s root. */
    String mountInfo(Task task);

    /** /proc/self/mounts text for mounts visible from {@code task}'s root. */
    String mounts(Task task);
}
