package dev.cairn.fs.devtmpfs;

import dev.cairn.vfs.FileType;
import java.nio.charset.StandardCharsets;

/** A devtmpfs symlink: mode 0777, size = length of the target in bytes. */
final class DevSymlink extends DevNode {
    private final String target;
    private final long length;

    DevSymlink(DevFilesystem fs, String target, int uid, int gid) {
        super(fs, FileType.SYMLINK.bits() | 0777, uid, gid, 1);
        this.target = target;
        this.length = target.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    long size() {
        return length;
    }

    @Override
    public String readlink() {
        return target;
    }
}
