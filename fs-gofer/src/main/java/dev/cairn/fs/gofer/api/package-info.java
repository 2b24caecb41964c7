/**
 * What boot and the launcher need to hand gofer connections to {@code 9p} mounts:
 * {@link dev.cairn.fs.gofer.api.GoferSockets} connects to a gofer's Unix socket (receiving the
 * host fds it donates), the ordered {@link dev.cairn.fs.gofer.api.ConnectionDispenser} hands
 * connections out, and {@link dev.cairn.fs.gofer.api.GoferConnection} carries the keys a mount
 * uses to find its connection. Starting gofer processes is the launcher's business
 * ({@code dev.cairn.launcher.Gofers}); the server's command line is
 * {@code dev.cairn.fs.gofer.server.GoferMain}'s.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package dev.cairn.fs.gofer.api;
