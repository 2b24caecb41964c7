/**
 * What boot and the launcher need to hand gofer connections to {@code 9p} mounts:
 * {@link dev.cairn.fs.gofer.api.GoferLauncher} starts the gofer process and connects to it,
 * the ordered {@link dev.cairn.fs.gofer.api.ConnectionDispenser} hands the connections out,
 * and {@link dev.cairn.fs.gofer.api.GoferConnection} carries the keys a mount uses to find its
 * connection.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.cairn.fs.gofer.api;
