package dev.cairn.vfs.tck.memfs;

import dev.cairn.vfs.spi.NodeAttrs;
import java.nio.charset.StandardCharsets;

/** A memfs symlink: its target, verbatim. */
final class MemSymlink extends MemNode {
    private final String target;

    MemSymlink(MemFs fs, NodeAttrs attrs, String target) {
        super(fs, attrs, 1);
        this.target = target;
    }

    @Override
    long size() {
        return target.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public String readlink() {
        return target;
    }
}
