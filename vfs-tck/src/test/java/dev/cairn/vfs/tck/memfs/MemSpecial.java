package dev.cairn.vfs.tck.memfs;

import dev.cairn.vfs.spi.NodeAttrs;

/**
 * A device node, FIFO or socket: attributes only. The core opens device nodes through its
 * device registry and FIFOs as its own pipes; a socket node cannot be opened (ENXIO, the
 * SPI's default).
 */
final class MemSpecial extends MemNode {
    MemSpecial(MemFs fs, NodeAttrs attrs) {
        super(fs, attrs, 1);
    }

    @Override
    long size() {
        return 0;
    }
}
