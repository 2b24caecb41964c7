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
 * refused (EINVAL); ".." is computed from the fid's component list and clamped at the root.
 * Files are reopened for I/O through {@code /proc/self/fd/N} of the O_PATH fd, which reaches
 * exactly that inode without a path lookup. Only regular files and directories are opened;
 * device nodes, FIFOs and sockets in the export are never opened by the server.
 *
 * <h2>Known limits</h2>
 * Fid paths (used only for ".." and for operations needing the parent: Tremove, Trename,
 * setattr times on a symlink) are not updated when another client renames a parent; those
 * operations then fail with ENOENT rather than act elsewhere. Qid paths are host inode
 * numbers (mixed with the device number for files on other host filesystems below the root).
 * Credentials: requests run with the server's own identity; when it runs as root new files are
 * chowned to the attaching uid and the requested gid. No authentication: Tauth answers ENOENT, as diod does, which clients read as "attach directly".
 *
 * <h2>Concurrency</h2>
 * Per connection: one reader thread and at most 64 requests in flight, run by a pool of 16
 * workers shared by all connections of the process;
 * {@code Fid} state is guarded by the fid's monitor; replies are serialised by one write lock.
 */
package dev.cairn.fs.gofer.server;
