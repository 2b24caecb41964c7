package dev.cairn.fs.gofer.client;

import dev.cairn.fs.gofer.p9.Attr;

/**
 * A device node, FIFO or socket on the server. Its attributes are the server's; opening it
 * is the core's business and the gofer never opens such files: a device node reaches the VFS's
 * device registry, a FIFO the VFS's pipe of that file (keyed by this filesystem and the qid
 * path, so every node made for the file meets in it), a socket is ENXIO.
 */
final class P9SpecialFile extends P9Node {
    P9SpecialFile(P9Filesystem fs, int fid, String path, Attr attr) {
        super(fs, fid, path, attr);
    }
}
