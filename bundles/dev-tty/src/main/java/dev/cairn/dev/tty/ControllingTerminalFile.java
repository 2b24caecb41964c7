package dev.cairn.dev.tty;

import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An open /dev/tty: every operation goes to the controlling terminal's open file, except
 * {@link #close()}, which leaves the terminal open for its owner.
 */
final class ControllingTerminalFile implements OpenFile {
    private final OpenFile terminal;

    ControllingTerminalFile(OpenFile terminal) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    @Override
    public int read(ByteBuffer dst, long offset) throws ErrnoException {
        return terminal.read(dst, offset);
    }

    @Override
    public int write(ByteBuffer src, long offset) throws ErrnoException {
        return terminal.write(src, offset);
    }

    @Override
    public long append(ByteBuffer src, Node node) throws ErrnoException {
        return terminal.append(src, node);
    }

    @Override
    public long seek(long current, long offset, int whence) throws ErrnoException {
        return terminal.seek(current, offset, whence);
    }

    @Override
    public long seekDataOrHole(long offset, boolean data, long size) throws ErrnoException {
        return terminal.seekDataOrHole(offset, data, size);
    }

    @Override
    public void allocate(int mode, long offset, long length) throws ErrnoException {
        terminal.allocate(mode, offset, length);
    }

    @Override
    public void sync(boolean dataOnly) throws ErrnoException {
        terminal.sync(dataOnly);
    }

    @Override
    public int ioctl(int request, ByteBuffer arg) throws ErrnoException {
        return terminal.ioctl(request, arg);
    }

    @Override
    public int poll(int events) {
        return terminal.poll(events);
    }

    /** The terminal stays open: it belongs to whoever gave the task its terminal. */
    @Override
    public void close() {
    }
}
