/**
 * The Cairn VFS core (private to the bundle; only {@link dev.cairn.vfs.core.Vfs#create} is
 * reached, through {@code VirtualFilesystem.create}). Modelled on Linux and gVisor's
 * {@code pkg/sentry/vfs}: a dentry cache shared by the mounts of one filesystem instance,
 * mounts as (filesystem, root dentry, flags) in per-namespace trees, path resolution done
 * once here ({@code Walk}), file descriptions with offsets ({@code FileDescription}) and a
 * per-task fd table.
 *
 * <h2>Lock order</h2>
 * Locks are taken top to bottom only; a method whose name ends in {@code Locked} expects
 * the lock named in its doc (or the one guarding the fields it touches) to be held.
 * <pre>
 * CoreVfs.renameLock                     (cross-directory renames only)
 *   Dentry.lock of a directory           (mutations of that directory; for two
 *     Dentry.lock of a second directory   directories: ancestor first, else lower id)
 *       Dentry.lock of a victim directory (rmdir's target, a directory replaced by
 *                                          rename: a child of a directory held above)
 *         CoreVfs.mountLock               (mount trees, namespaces, fs instances,
 *                                          mount/minor/namespace counters, mountsHere)
 * FileDescription monitor                (offset of regular files and dirs; held while
 *                                          calling OpenFile.read/write/append/readdir;
 *                                          never held while taking any lock above)
 * FdTable monitor                        (leaf)
 * TaskImpl monitor                       (root/cwd swaps; leaf)
 * Pipe.lock                              (leaf; FIFO waits happen under it)
 * Fifos map, CoreVfs.types, CoreVfs.devices monitors (leaves; listeners are called
 *                                          outside them)
 * </pre>
 * Lookups take no lock when the child is cached ({@code ChildTable}: a chained hash table
 * read lock-free with acquire/release publication, component hashes computed while the path
 * is scanned, no allocation); a miss takes the directory's lock so that a lookup cannot
 * re-insert a child that a concurrent unlink just removed. There is no global lock on the data path:
 * reads and writes go from the fd table (volatile array) straight to the OpenFile.
 *
 * <h2>Decisions</h2>
 * <ul>
 * <li><b>atime</b>: the core implements relatime. After a read (or getdents) on a mount
 * without noatime and a description without O_NOATIME, it asks the node's
 * {@code lastKnownStat()} (no server round trip for a network filesystem) and, when the
 * atime is not newer than mtime/ctime or is a day old, calls
 * {@code setStat(ATIME|ATIME_NOW|ACCESSED)}; a node must then update atime only (no ctime).
 * Nodes never update atime on their own.</li>
 * <li><b>getdents offsets</b>: 0 = start, 1 = after ".", 2 = after ".." (fs cookie 0),
 * and {@code fsCookie + 2} after a node entry; lseek(fd, off, SEEK_SET) accepts any of them.
 * {@code max} is a number of entries.</li>
 * <li><b>mount busy</b>: open files, task roots and cwds count as users of a mount
 * (umount without MNT_DETACH gives EBUSY while any exist). Files open for writing on
 * regular files/directories count as writers (setMountReadOnly gives EBUSY).</li>
 * <li><b>filesystem instances</b>: a FilesystemType returning a Filesystem object it
 * already returned (devtmpfs' shared instance) gets the same device number and dentry
 * tree; release() is called when its last mount is freed.</li>
 * <li><b>synthetic mount points</b> ({@code SyntheticDir}) live only in the dentry cache;
 * getdents of their parent lists them after the filesystem's own entries (positions from
 * 2^62 up), as gVisor lists its synthetic mount points. Filesystem cookies stay below 2^62.</li>
 * <li><b>bind mounts</b>: MS_BIND mounts the source's (filesystem, dentry) with the source
 * mount's flags; MS_BIND|MS_REC also copies the mounts below the source (recursively),
 * attached at the same dentries of the new mount. Propagation (shared/slave) is not modelled.</li>
 * <li>Mounting on the task's root dentry stacks a mount there, but the task keeps its
 * root (as Linux: a process must chroot/chdir to see a mount over "/").</li>
 * <li><b>dentry cache size</b>: a directory caches at most
 * {@code ChildTable.FILE_CACHE_LIMIT} (8192) non-directory children; beyond that cached files
 * are forgotten (open files keep their dentries). Directory dentries are never evicted
 * (their identity carries the directory lock and mounts), so the cache grows with the number
 * of distinct directories looked up.</li>
 * <li>Linux quirk kept: pwrite on an O_APPEND description appends.</li>
 * <li><b>FIFOs</b> are pipes in the VFS on every filesystem (the filesystem only stores the
 * node; a remote one never opens it): one pipe per (filesystem instance, inode number) while
 * open, so hard links share it, and so do the new Node objects a remote filesystem makes for
 * the same file (after revalidation, after a rename by others, or after the dentry was
 * forgotten), as Linux's pipe lives in the one inode. Separate instances (two mounts of one
 * remote export with separate superblocks) do not share pipes.</li>
 * <li><b>error order</b> follows Linux where errors compete (checked against the host
 * through vfs-tck's oracle matrix): the parent of the last component is searched during
 * the walk (ENOTDIR/EACCES first); for creation EEXIST, then EROFS, then EACCES; unlink
 * and rmdir report EROFS before ENOENT; rename checks the source directory (access,
 * sticky) before the target; link checks the new name, EXDEV, EROFS, protected hard links
 * (EPERM), directory access (EACCES), then EPERM for a directory source.</li>
 * <li>ErrnoExceptions carry no stack trace unless {@code -Dcairn.errno.stackTraces=true}.</li>
 * <li>Not implemented: O_TMPFILE (EOPNOTSUPP), block devices (ENXIO on open), mount
 * propagation, fcntl F_SETFL, file locks, inotify.</li>
 * <li>A RuntimeException or LinkageError escaping a Node, OpenFile, Filesystem or
 * FilesystemType is logged and reported as EIO ({@code Guard}).</li>
 * </ul>
 */
package dev.cairn.vfs.core;
