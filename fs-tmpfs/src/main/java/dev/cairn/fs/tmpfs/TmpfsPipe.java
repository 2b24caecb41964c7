package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pipe behind a FIFO node, with Linux's rules: a blocking open for reading waits for a
 * writer and vice versa; O_NONBLOCK read-only opens succeed at once, O_NONBLOCK write-only
 * opens without a reader fail with ENXIO; O_RDWR never waits. Reads block while empty and a
 * writer exists (EOF when none; EAGAIN with O_NONBLOCK); writes block while full (EPIPE
 * without readers; writes of at most {@link #PIPE_BUF} bytes are atomic). Capacity 64 KiB.
 * Waits are interruptible (EINTR). The O_NONBLOCK flag is the one given at open.
 *
 * <p>All state is guarded by {@code lock}; the buffer is allocated while the pipe is open.
 */
final class TmpfsPipe {
    static final int CAPACITY = 65536;
    static final int PIPE_BUF = 4096;

    private final TmpfsNode node;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int readers;
    private int writers;
    /** Count of read/write opens ever made, so a waiting opener sees a counterpart that came and went. */
    private long readerOpens;
    private long writerOpens;
    private byte[] buf;
    private int head;
    private int used;

    TmpfsPipe(TmpfsNode node) {
        this.node = node;
    }

    OpenFile open(int flags) throws ErrnoException {
        boolean nonblock = (flags & OpenFlags.O_NONBLOCK) != 0;
        int acc = flags & OpenFlags.O_ACCMODE;
        boolean r = acc == OpenFlags.O_RDONLY || acc == OpenFlags.O_RDWR;
        boolean w = acc == OpenFlags.O_WRONLY || acc == OpenFlags.O_RDWR;
        lock.lock();
        try {
            if (w && !r && nonblock && readers == 0) {
                throw Errno.ENXIO.exception("FIFO inode " + node.ino + " has no reader");
            }
            if (buf == null) {
                buf = new byte[CAPACITY];
            }
            if (r) {
                readers++;
                readerOpens++;
            }
            if (w) {
                writers++;
                writerOpens++;
            }
            changed.signalAll();
            if (r && !w && !nonblock) {
                awaitCounterpart(true);
            } else if (w && !r) {
                awaitCounterpart(false);
            }
            return new TmpfsPipeEnd(this, r, w, nonblock);
        } finally {
            lock.unlock();
        }
    }

    /** Waits (lock held) until the other side opened; undoes this open on interrupt. */
    private void awaitCounterpart(boolean reader) throws ErrnoException {
        long seen = reader ? writerOpens : readerOpens;
        while ((reader ? writers : readers) == 0 && (reader ? writerOpens : readerOpens) == seen) {
            try {
                changed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeLocked(reader, !reader);
                throw Errno.EINTR.exception("open of FIFO inode " + node.ino + " interrupted");
            }
        }
    }

    void close(boolean r, boolean w) {
        lock.lock();
        try {
            closeLocked(r, w);
        } finally {
            lock.unlock();
        }
    }

    private void closeLocked(boolean r, boolean w) {
        if (r) {
            readers--;
        }
        if (w) {
            writers--;
        }
        if (readers == 0 && writers == 0) {
            buf = null;
            head = 0;
            used = 0;
        }
        changed.signalAll();
    }

    int read(ByteBuffer dst, boolean nonblock) throws ErrnoException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        lock.lock();
        try {
            while (used == 0) {
                if (writers == 0) {
                    return 0;
                }
                if (nonblock) {
                    throw Errno.EAGAIN.exception("FIFO inode " + node.ino + " is empty");
                }
                await("read");
            }
            int n = Math.min(dst.remaining(), used);
            for (int done = 0; done < n; ) {
                int chunk = Math.min(n - done, CAPACITY - head);
                dst.put(buf, head, chunk);
                head = (head + chunk) % CAPACITY;
                done += chunk;
            }
            used -= n;
            changed.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    int write(ByteBuffer src, boolean nonblock) throws ErrnoException {
        int total = src.remaining();
        if (total == 0) {
            return 0;
        }
        lock.lock();
        try {
            int done = 0;
            while (src.hasRemaining()) {
                if (readers == 0) {
                    if (done > 0) {
                        return done;
                    }
                    throw Errno.EPIPE.exception("FIFO inode " + node.ino + " has no reader");
                }
                int free = CAPACITY - used;
                boolean atomic = total <= PIPE_BUF;
                if (free == 0 || (atomic && free < total)) {
                    if (nonblock) {
                        if (done > 0) {
                            return done;
                        }
                        throw Errno.EAGAIN.exception("FIFO inode " + node.ino + " is full");
                    }
                    await("write");
                    continue;
                }
                int n = Math.min(free, src.remaining());
                int tail = (head + used) % CAPACITY;
                for (int put = 0; put < n; ) {
                    int chunk = Math.min(n - put, CAPACITY - tail);
                    src.get(buf, tail, chunk);
                    tail = (tail + chunk) % CAPACITY;
                    put += chunk;
                }
                used += n;
                done += n;
                changed.signalAll();
            }
            node.touchModified();
            return done;
        } finally {
            lock.unlock();
        }
    }

    int poll(int events, boolean r, boolean w) {
        lock.lock();
        try {
            int ready = 0;
            if (r && (used > 0 || writers == 0)) {
                ready |= OpenFile.POLLIN;
            }
            if (w && (used < CAPACITY || readers == 0)) {
                ready |= OpenFile.POLLOUT;
            }
            return ready & events;
        } finally {
            lock.unlock();
        }
    }

    private void await(String op) throws ErrnoException {
        try {
            changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errno.EINTR.exception(op + " on FIFO inode " + node.ino + " interrupted");
        }
    }
}
