/**
 * The {@code 9p} filesystem type: a 9P2000.L client ({@link dev.cairn.fs.gofer.client.P9Client}:
 * tags, one reader thread, many requests in flight, bounded waits) and the nodes of a mounted
 * remote tree. Registered as a Declarative Services component with {@code cairn.fs.name=9p}.
 *
 * <h2>Mount data</h2>
 * {@code trans=fd,rfdno=N,wfdno=N} (N equal; the connection comes from the request's internal
 * data or the VFS attribute table, see {@link dev.cairn.fs.gofer.api.GoferConnection}),
 * {@code trans=tcp,port=P} with the host as source, {@code trans=unix} with the socket path as
 * source; {@code aname=}, {@code msize=} (default 1 MiB, 4 KiB..8 MiB), {@code cache=fscache}
 * (default) or {@code cache=remote_revalidating}, {@code overlayfs_stale_read} (accepted; it
 * concerns the overlay above), {@code version=9p2000.L}, {@code fscache_limit=BYTES} (fscache
 * only; at least 128 KiB). Anything else is EINVAL naming it.
 *
 * <h2>Host fd donation</h2>
 * A gofer started with {@code --donate-fds} (the launcher starts its gofers so) attaches to
 * its Rlopen reply for a regular file, as {@code SCM_RIGHTS} ancillary data of the Unix
 * socket, the host fd it opened for that fid, with the open's flags. A connection made with
 * {@link dev.cairn.fs.gofer.api.GoferSockets} (the launcher's, and {@code trans=unix}) takes
 * it, and that open's reads and writes then go to the fd with pread/pwrite (cached or not, as
 * the cache mode says) instead of Tread/Twrite, and fsync to it instead of Tfsync: file data
 * no longer crosses the socket. Everything else (walks, attributes, creation, renames, locks)
 * stays 9P. Connections that do not take fds (a plain
 * {@link java.nio.channels.SocketChannel}, TCP, diod) simply get none: the kernel closes
 * what was sent. An fd is only ever that of a file the client opened through the export, so
 * it grants nothing that walking could not; the gofer sends it while holding the fid, so a
 * racing Tclunk cannot make it send a reused fd number. Once the connection is broken, I/O on
 * donated fds fails with EIO like every other operation. This is what gVisor's gofer does
 * with its "donated" host fds.
 *
 * <h2>Cache modes</h2>
 * <ul>
 * <li>{@code fscache} (exclusive): the core's dentry cache is authoritative
 * ({@code revalidates()} false); attributes and symlink targets are cached in the nodes and
 * dropped when this client changes the file.</li>
 * <li>{@code remote_revalidating} (shared): every cached lookup is revalidated (a walk
 * comparing the qid path and file type) and every stat asks the server, so host changes and
 * server times show through.</li>
 * </ul>
 * <h3>File data</h3>
 * With {@code fscache}, file data is cached ({@code PageCache},
 * {@code FileData}): per file (keyed by qid path, so hard links
 * share it) in 128 KiB chunks, filled by reads (a miss asks for the request's chunks at once,
 * plus 1 MiB of readahead when the read continues where the last one ended, or is a read
 * of at least a chunk from offset 0), bounded per mount
 * by {@code fscache_limit=} bytes (default 256 MiB) with least-recently-used eviction done by
 * the thread that crossed the bound. A second read of cached data sends no Tread.
 * <p><b>Writes are written back.</b> A write puts its bytes into the chunks, marks them dirty
 * and returns without a Twrite. A partial write into a chunk that is not cached and lies
 * within the server's size first reads that chunk from the server (so a chunk is always
 * whole; beyond the server's size it starts as zeros). Each chunk keeps one dirty range;
 * a flush sends the dirty ranges in offset order, adjacent ones merged into runs of up to
 * 8 MiB, each run as Twrites of one I/O unit with up to four in flight, so many small writes
 * become few large Twrites. Reads through any open of the file (and its hard links) see the
 * dirty data; stat shows the size as the larger of the server's and the end of the data
 * written since the last truncation, blocks to match, and mtime/ctime of the last write until
 * everything is flushed (then the server's own times, which may differ slightly).
 * <p>Flushes happen on fsync/fdatasync (then Tfsync); on close of an open that wrote (each
 * flushes the file's dirty data while it still has its fid, so dirty data never outlives the
 * last writable open it could go through); before an O_APPEND write (appends stay
 * write-through on the server's O_APPEND fd, and the file's chunks are dropped after, as
 * where they landed is known only from the size); before a setattr (a later flush must not
 * change the times it set); before truncation (only the data below the new size; dirty data
 * beyond it is discarded); when eviction picks a dirty chunk (its file is flushed first);
 * when the mount's dirty bytes pass a quarter of {@code fscache_limit} (at most 64 MiB: the
 * writer that passed it flushes its file, then others - write throttling); when a file is
 * unlinked or replaced through this mount; and when the filesystem is released. Writes
 * through an open with O_SYNC/O_DSYNC are flushed before they return. A write-only open is
 * opened read-write on the server (as Linux v9fs does for write-back), so it can fill the
 * chunks around a partial write; when the server refuses that, its writes go through.
 * <p>Errors: a flush failure (ENOSPC, EIO, a dead gofer) is returned by the call that flushed
 * when that is a write, fsync or truncation; when it happened at close, eviction, another
 * setattr (as Linux v9fs, chmod does not fail for it), unlink or release it is logged (warn)
 * and the next fsync of that file returns it, once
 * (like Linux's errseq). Either way the data that failed to flush is dropped from the cache,
 * with the file's clean chunks; it is lost, as on Linux after a write-back error.
 * <p>Concurrency: chunks are guarded each by its own monitor, with a version that tells a
 * flush whether a write came in while its Twrite was on the way (the chunk then stays dirty);
 * per file, reads and writes share a lock that truncation and write-through changes take
 * exclusively, flushes are serialized (they must not reorder on the server), and a file's
 * chunks are not evicted while a fill reads it, so a fill never brings back stale bytes.
 * Files created, unlinked or replaced by a rename through this mount lose their cached data
 * (after a flush). Changes made on the host behind an fscache mount are not seen (exclusive
 * mode), as with Linux's cache=fscache.
 * <p>With {@code remote_revalidating} no file data is cached: reads and writes go to the
 * server every time. In both modes a large miss keeps several Treads in flight.
 *
 * <h2>Behaviour worth knowing</h2>
 * <ul>
 * <li>Every node holds one walked fid, clunked by a {@link java.lang.ref.Cleaner} when the node
 * becomes unreachable, and all of them when the filesystem is released.</li>
 * <li>Files are opened on the server with O_NOATIME: the core keeps access times (relatime)
 * and reports a read with {@code setStat(ACCESSED)}, which this client turns into one read on
 * the server without O_NOATIME, so the host updates atime as a read does (no ctime change).</li>
 * <li>O_APPEND is passed to the server, whose pwrite then appends atomically.</li>
 * <li>Servers without Trenameat/Tunlinkat (diod) get Trename/Tremove instead, as Linux v9fs
 * does. RENAME_EXCHANGE is EINVAL: 9P2000.L has no exchange, and Linux v9fs answers EINVAL
 * for any rename flags ({@code fs/9p/vfs_inode.c}, {@code v9fs_vfs_rename}:
 * {@code if (flags) return -EINVAL;}, also used by the 9P2000.L inode operations); it is never
 * emulated by a non-atomic sequence of renames. RENAME_NOREPLACE is accepted and relies on the
 * core's EEXIST check (not atomic against other clients of the server), where Linux v9fs says
 * EINVAL when the target does not exist.</li>
 * <li>FIFOs (made through the mount with mknod/mkfifo, or already on the host) are pipes in
 * the VFS, as gVisor does for gofer mounts: the server never opens them, tasks of the same VFS
 * meet in them with Linux's blocking and O_NONBLOCK rules (O_RDONLY|O_NONBLOCK opens at once,
 * O_WRONLY|O_NONBLOCK without a reader is ENXIO), and stat shows S_IFIFO from the server. The
 * core keys the pipe by (filesystem, inode number = qid path), so hard links and the new nodes
 * made after revalidation or a rename on the host reach the same pipe. Host processes opening
 * the FIFO on the host are not connected to the VFS's pipe, nor are other mounts (separate
 * filesystem instances) of the same export. Sockets (S_IFSOCK) cannot be opened: ENXIO, as on
 * Linux.</li>
 * <li>Readdir cookies of the server that do not fit a non-negative offset are mapped to
 * stand-ins per directory.</li>
 * <li>If the connection breaks, every pending and later operation fails with EIO at once; a
 * reply that does not come within 30 s fails its call with EIO (and the request is flushed).</li>
 * <li>New files are created by the server as the attach user (root) with the requested gid;
 * when the creator's uid differs, a Tsetattr gives them to it.</li>
 * </ul>
 */
package dev.cairn.fs.gofer.client;
