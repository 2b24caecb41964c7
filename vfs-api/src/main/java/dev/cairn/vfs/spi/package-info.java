/**
 * The service provider interface that every filesystem and device bundle implements:
 * {@link dev.cairn.vfs.spi.FilesystemType} → {@link dev.cairn.vfs.spi.Filesystem} →
 * {@link dev.cairn.vfs.spi.Node} → {@link dev.cairn.vfs.spi.OpenFile}, and
 * {@link dev.cairn.vfs.spi.CharDevice}. Each method documents its errnos, preconditions
 * and who owns what.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package dev.cairn.vfs.spi;
