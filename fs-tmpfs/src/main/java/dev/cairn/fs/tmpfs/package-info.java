/**
 * tmpfs for Cairn: an in-memory filesystem registered as the {@code FilesystemType} service
 * "tmpfs". Everything here is private to the bundle; only the service is public.
 *
 * <h2>Mount options (Linux syntax)</h2>
 * <ul>
 * <li>{@code size=N[k|m|g|t|p|e|%]} – page budget, rounded up to 4 KiB pages; {@code %} is of
 * "RAM" (see below); {@code 0} = unlimited. Default: half of RAM. ENOSPC when full.</li>
 * <li>{@code nr_inodes=N[k|m|g|t|p|e]} – inode budget (the root and every hard link count,
 * as Linux); {@code 0} = unlimited. Default: half of RAM in pages. ENOSPC when full.</li>
 * <li>{@code mode=OCTAL} (masked to 07777), {@code uid=N}, {@code gid=N} – the root's mode and
 * owner. Defaults: 01777 for a directory root (0777 for others), the mounter's ids.</li>
 * <li>Accepted with no effect, as on a kernel without swap or NUMA: {@code huge=}
 * (never|always|within_size|advise, shown in mountinfo unless never), {@code mpol=} (not
 * shown), {@code inode64}/{@code inode32} (inode numbers are 64-bit anyway; inode64 shown),
 * {@code noswap} (shown).</li>
 * <li>Refused with EINVAL "not supported": the quota options ({@code quota}, {@code usrquota},
 * {@code grpquota} and the {@code *_hardlimit}s). Any other key: EINVAL naming it. A bad value
 * gives EINVAL naming the key; numbers that overflow 64 bits are refused (Linux wraps).</li>
 * </ul>
 * "RAM" is the machine's memory (MemTotal) capped at the JVM's maximum heap, because pages live
 * on the heap. Super options in mountinfo follow Linux: {@code size=...k}, {@code nr_inodes=},
 * {@code mode=}, {@code uid=}, {@code gid=} shown only when they differ from the defaults.
 *
 * <h2>Internal data (boot only, {@code MountContext.internalData})</h2>
 * <ul>
 * <li>{@code tmpfs.rootType} ({@link dev.cairn.vfs.FileType}): DIRECTORY (default), REGULAR or
 * SYMLINK; other types give EINVAL.</li>
 * <li>{@code tmpfs.symlinkTarget} ({@link java.lang.String}): the target of a SYMLINK root
 * (required then).</li>
 * </ul>
 *
 * <h2>Semantics</h2>
 * Regular files store data in sparse 4 KiB pages; holes read as zeros and st_blocks counts
 * allocated pages only. SEEK_DATA/SEEK_HOLE, fallocate modes 0, KEEP_SIZE and
 * PUNCH_HOLE|KEEP_SIZE (others EOPNOTSUPP), EFBIG past 2^63-1. Each file has its own
 * read/write lock; there is no filesystem-wide lock on the data path. Directory sizes follow
 * Linux tmpfs (20 bytes per entry plus 40). readdir cookies are per-entry sequence numbers
 * starting at 3. atime follows relatime (updated when older than mtime/ctime or a day old;
 * never with O_NOATIME). Times come from a monotonic clock anchored to the wall clock at
 * class load. Extended attributes: user.* (regular files and directories only), trusted.*,
 * security.*; values up to 64 KiB. FIFOs are real pipes ({@code TmpfsPipe}); socket nodes
 * give ENXIO on open; device nodes are opened by the core.
 *
 * <h2>Locks (outermost first)</h2>
 * <pre>
 * filesystem tree lock (rmdir, rename only)
 *   directory monitors, in inode order
 *     node attribute monitors (leaf)
 * file read/write lock (data; never held with a directory monitor)
 *   page budget: an atomic counter, no lock
 * </pre>
 *
 * <h2>Bundle updates</h2>
 * The component's activate loads every class of this package, so a filesystem created by an
 * old revision of the bundle keeps working after the bundle is updated or refreshed.
 */
package dev.cairn.fs.tmpfs;
