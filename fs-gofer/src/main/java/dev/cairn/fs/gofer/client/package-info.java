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
 * concerns the overlay above), {@code version=9p2000.L}. Anything else is EINVAL naming it.
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
 * File data is not cached in either mode: reads and writes go to the server at once
 * (write-through). Large reads keep several Treads in flight and land straight in the
 * caller's buffer. This is a documented gap against the "file data cached,
 * write-back" for fscache.
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
 * does. RENAME_EXCHANGE is EINVAL (not in 9P2000.L); RENAME_NOREPLACE relies on the core's
 * check (not atomic against other clients of the server).</li>
 * <li>Readdir cookies of the server that do not fit a non-negative offset are mapped to
 * stand-ins per directory.</li>
 * <li>If the connection breaks, every pending and later operation fails with EIO at once; a
 * reply that does not come within 30 s fails its call with EIO (and the request is flushed).</li>
 * <li>New files are created by the server as the attach user (root) with the requested gid;
 * when the creator's uid differs, a Tsetattr gives them to it.</li>
 * </ul>
 */
package dev.cairn.fs.gofer.client;
