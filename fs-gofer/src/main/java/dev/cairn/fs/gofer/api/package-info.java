/**
 * What boot needs to hand gofer connections to {@code 9p} mounts: the ordered
 * {@link dev.cairn.fs.gofer.api.ConnectionDispenser} and the
 * {@link dev.cairn.fs.gofer.api.GoferConnection} keys a mount uses to find its connection.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.cairn.fs.gofer.api;
