/**
 * devtmpfs ({@code "devtmpfs"}): one shared in-memory filesystem per
 * {@link dev.cairn.vfs.VirtualFilesystem}, holding the sandbox's device nodes. Private package;
 * the filesystem is reachable only as a {@code FilesystemType} service.
 *
 * <h2>Behaviour</h2>
 * <ul>
 * <li>Every devtmpfs mount in one VFS shows the same filesystem, as Linux's devtmpfs shows its
 * single internal superblock. The instances are kept per VFS in a weak map, so a VFS that is
 * gone takes its devtmpfs with it. {@code Filesystem.release()} does nothing: after the last
 * mount goes, the next mount shows the same contents again (Linux keeps its devtmpfs alive
 * through an internal mount).</li>
 * <li>Mount options are parsed as tmpfs parses them (size, nr_blocks, nr_inodes, mode, uid,
 * gid, huge, mpol, inode32, inode64, noswap): an unknown key or a malformed value is EINVAL,
 * valid ones are ignored because the superblock is shared. Linux 6.18 does exactly this.</li>
 * <li>Root: directory 0755 owned by 0:0. Created on first use of the instance ("userspace
 * init", as gVisor's boot does it): symlinks {@code fd → /proc/self/fd},
 * {@code stdin → /proc/self/fd/0}, {@code stdout → /proc/self/fd/1},
 * {@code stderr → /proc/self/fd/2}, {@code ptmx → pts/ptmx}; directories {@code shm} and
 * {@code pts} (0755, as SEMANTICS.md asks; Linux userspace makes /dev/shm 1777). Then a
 * character-device node per device registered in the VFS, owner 0:0, the device's mode, in
 * the order null, zero, full, random, urandom, tty, net/tun, fuse, then the others in
 * registration order; missing parents of nested names are made 0755.</li>
 * <li>Devices that register later get their node at once; a device that unregisters loses
 * its node, and the now-empty parent directories that devtmpfs made for it go too (as Linux
 * devtmpfs does). Only nodes devtmpfs made itself are removed: a node a user put in its
 * place stays. A name that is taken is left alone, with a warning in the log.</li>
 * <li>Because those changes do not pass through the core, {@code revalidates()} is true and
 * directories answer {@code revalidate} from their own entries, so the core's dentry cache
 * never shows a removed node.</li>
 * <li>Users may create directories, regular files (sparse, 4 KiB pages, e.g. in /dev/shm),
 * symlinks, hard links, device nodes, FIFOs and sockets, and rename (including
 * RENAME_NOREPLACE and RENAME_EXCHANGE). Readdir lists entries in creation order.
 * Directory sizes follow Linux tmpfs: 20 bytes per entry plus 40. Nodes set mtime and ctime
 * themselves; atime is left to the core, which applies relatime and noatime through
 * {@code setStat}.</li>
 * <li>Limits: a quarter of the JVM's maximum heap as data pages, and as many inodes; beyond
 * them ENOSPC. statfs reports TMPFS_MAGIC, as Linux does for devtmpfs.</li>
 * <li>Extended attributes (user., trusted., security.; the core checks namespaces and
 * permissions) are stored per node, at most 1 MiB of names and values per node (then ENOSPC);
 * they are not charged to the filesystem's space budget (Linux tmpfs charges them to inode
 * space).</li>
 * <li>FIFOs are opened by the core (its own pipes, one per node), sockets give ENXIO there;
 * devtmpfs only stores those nodes.</li>
 * </ul>
 *
 * <h2>Locking</h2>
 * <pre>
 * DeviceNodes.startLock            (one-time userspace init)
 *   DeviceNodes (this)             (device events, serialised)
 *     DevFilesystem.tree           every change of directory entries, in any directory
 *       DevRegularFile.data        read/write lock of one file's pages (never needs tree)
 *         DevNode.attrs            attributes of one node: a leaf lock
 * </pre>
 * Lookup and readdir read the concurrent entry maps without locking; reads and writes of
 * file data take only their file's lock. The tree lock covers namespace changes only, which
 * are rare in /dev, and makes rename and rmdir across directories free of lock ordering.
 */
package dev.cairn.fs.devtmpfs;
