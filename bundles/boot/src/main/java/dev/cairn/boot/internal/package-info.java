/**
 * Boot's implementation: registration policy, sandbox construction, hot-swap.
 *
 * <h2>Decisions</h2>
 * <ul>
 * <li><b>Policy.</b> The SEMANTICS.md table is the default; third-party types are listed
 * but not user-mountable. Configuration Admin PID {@code dev.cairn.boot.policy}
 * ({@link dev.cairn.boot.internal.PolicyConfig}) adds user-mountable types
 * ({@code allowUserMount}), removes them ({@code denyUserMount}, wins over allow), hides
 * types from /proc/filesystems ({@code unlisted}) and marks types as needing a device
 * ({@code requiresDevice}). A change is applied to every running sandbox with
 * {@code setTypePolicy}; the component is not restarted ({@code @Modified}).</li>
 * <li><b>Duplicates.</b> A second service with a type name already registered (or a device
 * number already taken) is logged and kept as a stand-by: it takes over when the first goes
 * away. No sandbox sees two.</li>
 * <li><b>Spec translation</b> ({@link dev.cairn.boot.internal.SpecPlanner}): destinations
 * are cleaned lexically (the reference compares raw strings for /tmp); /dev is forced to
 * devtmpfs and added when absent; tmpfs data is filtered to mode, uid, gid, size; bind mounts
 * become {@code 9p} mounts over handed-over gofer connections (below); types outside devpts,
 * devtmpfs, proc, sysfs, none, tmpfs, bind are warned about and skipped, as the reference
 * does. Submounts are sorted by destination length stably (the reference's sort is not
 * stable).</li>
 * <li><b>Gofer connections</b> ({@link dev.cairn.boot.internal.Gofer}). The creator hands
 * them to {@code SandboxManager.create(spec, connections)} as plain
 * {@code java.nio.channels.ByteChannel}s, root first (a "9p" root), then one per bind mount
 * in spec order. They are assigned while planning, <em>before</em> the sort, so the order is
 * the spec's (mounting happens in sorted order); too few or too many fail with EINVAL before
 * anything is mounted. Each mount gets its channel as internal data under the string key
 * {@code "dev.cairn.fs.gofer.connection"} ({@code GoferConnection.INTERNAL_DATA_KEY}; a test
 * checks the strings agree) and data {@code trans=fd,rfdno=N,wfdno=N} with N its index.
 * <b>Boot has no class or package dependency on fs-gofer</b> (not even an optional import):
 * a framework without the fs-gofer bundle resolves boot, and a spec with a gofer mount then
 * waits for the "9p" type like any other and fails with ENODEV. fs-gofer's
 * {@code ConnectionDispenser} is not used for the same reason; boot counts the connections
 * itself with the same messages. The manager owns the connections from the call on: a
 * failure detaches what was mounted and closes them all; {@code Sandbox.close()} closes
 * them (the VFS never releases a namespace root, so the root's connection would leak
 * otherwise). A dead gofer makes its mounts fail with EIO (the 9p client's doing) and the
 * sandbox stays up. When the 9p type's bundle goes away, gofer bind mounts are detached like
 * any other and <em>stay pending</em> when it returns: their connection closed with the old
 * filesystem and there is no way yet to ask the launcher for a new one.</li>
 * <li><b>/tmp</b>: when no spec mount targets /tmp, the types waited for include tmpfs
 * even if /tmp later turns out to be non-empty (the wait happens before the root exists).</li>
 * <li><b>Hot-swap.</b> When a type's service goes away it is unregistered from every VFS and
 * every mount of it is detached lazily, together with the spec mounts stacked on those
 * (they went with it); spec mounts become pending ("TYPE on PATH"). When a type of that
 * name returns, pending spec mounts whose type is registered are mounted again in spec
 * order (same path, flags and data), read-only ones writable until the batch is done.
 * User mounts of a departed type are detached and not re-made. <b>The namespace root is
 * never detached</b>: if the root's type leaves, the root keeps working with the classes
 * already loaded (the old bundle's class loader stays alive while the sandbox uses it) and
 * is not replaced when the type returns.</li>
 * </ul>
 *
 * <h2>Locking</h2>
 * One lock, {@code SandboxManagerImpl.lock}, guards the type and device tables, the sandbox
 * list and every sandbox's slots. Sandbox creation holds it while mounting (it waits on its
 * condition, releasing it, for missing types), so a type event is applied either before a
 * sandbox exists or to it afterwards, never lost. VFS calls are made under it; the VFS takes
 * only its own locks below it.
 */
package dev.cairn.boot.internal;
