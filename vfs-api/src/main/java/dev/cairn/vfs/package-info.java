/**
 * Cairn's VFS API: errnos, credentials, value types, the {@link dev.cairn.vfs.VirtualFilesystem}
 * and the syscall-shaped {@link dev.cairn.vfs.Task} through which user-facing code drives it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.cairn.vfs;
