package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.FileType;
import java.nio.charset.StandardCharsets;

/** A tmpfs symbolic link: mode 0777, size = the target's length in bytes. */
final class TmpfsSymlink extends TmpfsNode {
    private final String target;
    private final long length;

    TmpfsSymlink(TmpfsFilesystem fs, String target, int uid, int gid) {
        super(fs, 0777 | FileType.SYMLINK.bits(), uid, gid, 1);
        this.target = target;
        this.length = target.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    FileType fileType() {
        return FileType.SYMLINK;
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
