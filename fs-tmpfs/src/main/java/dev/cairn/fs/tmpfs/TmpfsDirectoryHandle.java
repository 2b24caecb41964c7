package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.spi.OpenFile;

/**
 * The open-file part of a directory: nothing, since listing goes through
 * {@link TmpfsDirectory#readdir} with the core's cookie and the core refuses read and write
 * on directories. Stateless, so one instance serves all.
 */
final class TmpfsDirectoryHandle implements OpenFile {
    static final TmpfsDirectoryHandle INSTANCE = new TmpfsDirectoryHandle();

    private TmpfsDirectoryHandle() {
    }
}
