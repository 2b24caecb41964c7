/**
 * tmpfs for Cairn: an in-memory filesystem registered as the {@code FilesystemType} service
 * "tmpfs". Everything here is private to the bundle; only the service is public.
 *
 * <h2>Mount options (Linux syntax)</h2>
 * <ul>
 * <li>{@code size=N[k|m|g|t|p|e|%]} – page budget, rounded up to 4 KiB pages; {@code %} is of
 * "RAM" (see below); {@code 0} = unlimited. Default: half of RAM. ENOSPC when full.</li>
 * <li>{@code nr_inodes=N[k|m|g|t|p|e]} – inode budget; {@code 0} = unlimited. Default: half of
 * RAM in pages. Counted as Linux 6.6+ does, in "inode space": every inode and every extra hard
 * link takes 1024 bytes, every extended attribute 40 + name + value bytes; statfs shows the
 * free space in whole inodes. ENOSPC when full.</li>
 * <li>{@code mode=OCTAL} (masked to 07777), {@code uid=N}, {@code gid=N} – the root's mode and
 * owner. Defaults: 01777 for a directory root (0777 for others), the mounter's ids.</li>
 * <li>Accepted with no effect (nothing is swapped, there are no huge pages or NUMA nodes),
 * validated and shown in mountinfo as Linux does: {@code huge=} (never|always|within_size|advise,
 * shown unless never), {@code mpol=} (Linux's syntax on a machine with the single NUMA node 0:
 * e.g. {@code prefer} shows as {@code local}, {@code interleave} as {@code interleave:0}, other
 * nodes are EINVAL), {@code inode64}/{@code inode32} (the last one wins; inode64 shown; inode
 * numbers are 64-bit anyway), {@code noswap} (shown).</li>
 * <li>Refused with EINVAL "not supported": the quota options ({@code quota}, {@code usrquota},
 * {@code grpquota} and the {@code *_hardlimit}s). Any other key: EINVAL naming it. A bad value
 * gives EINVAL naming the key; numbers that overflow 64 bits are refused (Linux wraps).</li>
 * </ul>
 * "RAM" is the machine's memory (MemTotal) capped at the JVM's maximum heap, because pages live
 * on the heap; for the same reason no filesystem hands out more pages than that, even with
 * {@code size=0} or a larger size (ENOSPC instead of an OutOfMemoryError). Super options in mountinfo follow Linux: {@code size=...k}, {@code nr_inodes=},
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
 * allocated pages only. Freed pages are reused rather than left to the garbage collector: a
 * truncated file keeps them as spares, a deleted file hands them to its filesystem's
 * lock-free pool; spares and pool together stay below 64 MiB (or 1/8 of the size limit) per
 * filesystem and are not charged to {@code size=} (statfs shows them as free). A lookup miss
 * throws a stack-less ENOENT, since every create looks its name up first. SEEK_DATA/SEEK_HOLE, fallocate modes 0, KEEP_SIZE and
 * PUNCH_HOLE|KEEP_SIZE (others EOPNOTSUPP), EFBIG past 2^63-1. Each file has its own
 * read/write lock; there is no filesystem-wide lock on the data path. Directory sizes follow
 * Linux tmpfs (20 bytes per entry plus 40). readdir cookies are per-entry sequence numbers
 * (1, 2, ...) that only grow, so a listing survives concurrent adds and removes. Nodes update
 * mtime/ctime on writes, truncation and directory changes, ctime on attribute, link and xattr
 * changes; atime is set when the core says so ({@code SetStat.ACCESSED}, its relatime rule,
 * without touching ctime). Times come from a monotonic nanosecond clock anchored to the wall
 * clock at class load. Extended attributes: user.* (regular files and directories only; EPERM
 * to set elsewhere, ENODATA to get), trusted.*, security.*; others EOPNOTSUPP; values up to
 * 64 KiB (E2BIG), names up to 255 bytes (ERANGE). A write ending past 2^63-1 is EINVAL as in
 * Linux's rw_verify_area; fallocate past it EFBIG. FIFOs and sockets are nodes only: the core
 * opens FIFOs as pipes and refuses sockets (ENXIO); device nodes are opened by the core through
 * its device registry.
 *
 * <h2>Locks (outermost first)</h2>
 * <pre>
 * filesystem tree lock (rmdir, rename only)
 *   directory monitors, in inode order
 *     node attribute monitors (leaf)
 * file read/write lock (data; taken under a directory monitor only when the
 *   last name of a closed file goes and its pages are freed; takes no other lock)
 *   page and inode budgets: atomic counters, no lock
 * </pre>
 *
 * <h2>Bundle updates</h2>
 * The component's activate loads every class of this package, so a filesystem created by an
 * old revision of the bundle keeps working after the bundle is updated or refreshed.
 */
package dev.cairn.fs.tmpfs;
