/**
 * The gofer server: exports one host directory over 9P2000.L, never touching a file outside
 * it. {@link dev.cairn.fs.gofer.server.GoferMain} runs it as its own process
 * ({@code --root DIR [--ro] (--fd N | --listen tcp:HOST:PORT | --listen unix:PATH)});
 * {@link dev.cairn.fs.gofer.server.GoferServer} embeds it.
 *
 * <h2>Containment</h2>
 * Every fid holds an O_PATH fd. A walk opens one name at a time relative to the directory fd
 * reached so far with O_PATH|O_NOFOLLOW, so symlinks are never followed by the server
 * (absolute or relative, planted or swapped in during a walk); names with '/' or NUL are
 * refused (EINVAL); ".." is clamped at the root (compared by st_dev/st_ino) and otherwise, like
 * the parent that Tremove, Trename and setattr times of a symlink need, is found by walking
 * down from the root again (see "Renames by others" below), never by following ".." on the
 * host. Files are reopened for I/O through {@code /proc/self/fd/N} of the O_PATH fd, which
 * reaches exactly that inode without a path lookup. Only regular files and directories are opened;
 * device nodes, FIFOs and sockets in the export are never opened by the server.
 *
 * <h2>Renames by others</h2>
 * A fid keeps the components from the root as last known, for messages and as a first guess.
 * Everything else a fid does goes through its O_PATH fd, so it follows the file wherever the
 * host or another 9P client renames it (Tgetattr, Tlopen, Tlcreate, Tmkdir, walks down, xattrs,
 * Tlink). Where the parent is needed (".." and the requests above), {@code Export.locate} tries
 * the known components and then the kernel's current path of the fd
 * ({@code /proc/self/fd/N}, less the root's current path, so a renamed export root is fine),
 * and takes one only when walking it down from the root (O_PATH|O_NOFOLLOW, one component at a
 * time) reaches the fd's own st_dev/st_ino; the fid's components are then brought up to date.
 * A file that was removed, or a directory the host moved out of the export, has no such path:
 * ".." from it, and Tremove/Trename of it, are ENOENT, so nothing outside is reached; a fid
 * already on it keeps naming it (as an open fd does), with what is below it. Between the check
 * and the request the host may rename again; the request then acts on that parent fd, which was
 * inside the export when it was reached.
 *
 * <h2>Known limits</h2>
 * Qid paths are host inode numbers (mixed with the device number for files on other host filesystems below the root).
 * Credentials: requests run with the server's own identity; when it runs as root new files are
 * chowned to the attaching uid and the requested gid. No authentication: Tauth answers ENOENT, as diod does, which clients read as "attach directly".
 *
 * <h2>Concurrency</h2>
 * Per connection: one reader thread and at most 64 requests in flight, run by a pool of 16
 * workers shared by all connections of the process;
 * {@code Fid} state is guarded by the fid's monitor; replies are serialised by one write lock.
 */
package dev.cairn.fs.gofer.server;
