package dev.cairn.fs.gofer.client;

import dev.cairn.fs.gofer.p9.Attr;

/**
 * A device node, FIFO or socket on the server. Its attributes are the server's; opening it
 * is the core's business (device registry), the gofer never opens such files.
 */
final class P9SpecialFile extends P9Node {
    P9SpecialFile(P9Filesystem fs, int fid, String path, Attr attr) {
        super(fs, fid, path, attr);
    }
}
