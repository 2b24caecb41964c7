package dev.cairn.dev.tty;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.OpenFile;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Test-only terminal: the open file a sandbox would hand a task as its controlling terminal.
 * Keeps what was written, serves a fixed line to reads, answers TIOCGWINSZ.
 */
final class TestTerminal implements OpenFile {
    static final int TIOCGWINSZ = 0x5413;

    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final byte[] input;
    private int readPos;
    boolean closed;

    TestTerminal(String input) {
        this.input = input.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized int read(ByteBuffer dst, long offset) throws ErrnoException {
        if (closed) {
            throw Errno.EIO.exception("terminal closed");
        }
        int n = Math.min(dst.remaining(), input.length - readPos);
        dst.put(input, readPos, n);
        readPos += n;
        return n;
    }

    @Override
    public synchronized int write(ByteBuffer src, long offset) throws ErrnoException {
        if (closed) {
            throw Errno.EIO.exception("terminal closed");
        }
        int n = src.remaining();
        byte[] b = new byte[n];
        src.get(b);
        written.write(b, 0, n);
        return n;
    }

    @Override
    public int ioctl(int request, ByteBuffer arg) throws ErrnoException {
        if (request != TIOCGWINSZ) {
            throw Errno.ENOTTY.exception("ioctl 0x" + Integer.toHexString(request));
        }
        arg.order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(0, (short) 24).putShort(2, (short) 80);
        return 0;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    synchronized String output() {
        return written.toString(StandardCharsets.UTF_8);
    }
}
