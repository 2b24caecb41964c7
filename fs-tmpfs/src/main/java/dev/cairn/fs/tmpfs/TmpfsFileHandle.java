package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open file of a {@link TmpfsFile}. Keeps no offset (the core does); remembers whether
 * reads update atime (not with O_NOATIME) and whether a write clears setuid/setgid (the opener
 * lacked CAP_FSETID, as Linux's file_remove_privs).
 */
final class TmpfsFileHandle implements OpenFile {
    private final TmpfsFile file;
    private final boolean noatime;
    private final boolean dropsPrivileges;
    private final AtomicBoolean closed = new AtomicBoolean();

    TmpfsFileHandle(TmpfsFile file, boolean noatime, boolean dropsPrivileges) {
        this.file = file;
        this.noatime = noatime;
        this.dropsPrivileges = dropsPrivileges;
    }

    @Override
    public int read(ByteBuffer dst, long offset) throws ErrnoException {
        return file.read(dst, offset, noatime);
    }

    @Override
    public int write(ByteBuffer src, long offset) throws ErrnoException {
        int n = file.write(src, offset);
        if (dropsPrivileges && n > 0) {
            file.dropPrivileges();
        }
        return n;
    }

    @Override
    public long append(ByteBuffer src, Node node) throws ErrnoException {
        long end = file.append(src);
        if (dropsPrivileges) {
            file.dropPrivileges();
        }
        return end;
    }

    @Override
    public long seekDataOrHole(long offset, boolean data, long size) throws ErrnoException {
        return file.seekDataOrHole(offset, data);
    }

    @Override
    public void allocate(int mode, long offset, long length) throws ErrnoException {
        file.allocate(mode, offset, length);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            file.closed();
        }
    }
}
