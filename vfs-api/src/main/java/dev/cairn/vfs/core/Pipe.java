package dev.cairn.vfs.core;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The buffer of a FIFO (named pipe), shared by every open of one FIFO (see {@link Fifos}):
 * a 64 KiB ring with Linux's blocking rules. Reads block while empty and writers exist (EOF when none);
 * writes block while full, EPIPE without readers; O_NONBLOCK gives EAGAIN instead.
 * Opening for read blocks until a writer appears (and vice versa) unless O_NONBLOCK or
 * O_RDWR; O_WRONLY|O_NONBLOCK without a reader is ENXIO.
 */
final class Pipe {
    static final int CAPACITY = 65536;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by lock. */
    private final byte[] buf = new byte[CAPACITY];
    /** Guarded by lock. */
    private int head;
    /** Guarded by lock. */
    private int count;
    /** Guarded by lock. */
    private int readers;
    /** Guarded by lock. */
    private int writers;
    /** Guarded by lock: bumped when a reader/writer opens, so blocked openers notice. */
    private long readerOpens;
    /** Guarded by lock. */
    private long writerOpens;

    /** Opens one end; blocks per the FIFO open rules. */
    OpenFile open(int flags, Runnable onLastClose) throws ErrnoException {
        int acc = flags & OpenFlags.O_ACCMODE;
        boolean nonblock = (flags & OpenFlags.O_NONBLOCK) != 0;
        boolean rd = acc == OpenFlags.O_RDONLY || acc == OpenFlags.O_RDWR;
        boolean wr = acc == OpenFlags.O_WRONLY || acc == OpenFlags.O_RDWR;
        lock.lock();
        try {
            if (wr && !rd && nonblock && readers == 0) {
                throw Errno.ENXIO.exception("FIFO has no reader");
            }
            if (rd) {
                readers++;
                readerOpens++;
            }
            if (wr) {
                writers++;
                writerOpens++;
            }
            changed.signalAll();
            try {
                if (rd && !wr && !nonblock) {
                    long seen = writerOpens;
                    while (writers == 0 && writerOpens == seen) {
                        awaitLocked();
                    }
                } else if (wr && !rd) {
                    long seen = readerOpens;
                    while (readers == 0 && readerOpens == seen) {
                        awaitLocked();
                    }
                }
            } catch (ErrnoException e) {
                if (rd) {
                    readers--;
                }
                if (wr) {
                    writers--;
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
        return new End(rd, wr, nonblock, onLastClose);
    }

    private void awaitLocked() throws ErrnoException {
        try {
            changed.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errno.EINTR.exception("FIFO wait interrupted");
        }
    }

    /** True when nobody has the FIFO open. */
    boolean unused() {
        lock.lock();
        try {
            return readers == 0 && writers == 0;
        } finally {
            lock.unlock();
        }
    }

    private final class End implements OpenFile {
        private final boolean rd;
        private final boolean wr;
        private final boolean nonblock;
        private final Runnable onLastClose;

        End(boolean rd, boolean wr, boolean nonblock, Runnable onLastClose) {
            this.rd = rd;
            this.wr = wr;
            this.nonblock = nonblock;
            this.onLastClose = onLastClose;
        }

        @Override
        public int read(ByteBuffer dst, long offset) throws ErrnoException {
            if (!dst.hasRemaining()) {
                return 0;
            }
            lock.lock();
            try {
                while (count == 0) {
                    if (writers == 0) {
                        return 0;
                    }
                    if (nonblock) {
                        throw Errno.EAGAIN.exception("FIFO is empty");
                    }
                    awaitLocked();
                }
                int n = Math.min(count, dst.remaining());
                for (int i = 0; i < n; i++) {
                    dst.put(buf[(head + i) % CAPACITY]);
                }
                head = (head + n) % CAPACITY;
                count -= n;
                changed.signalAll();
                return n;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int write(ByteBuffer src, long offset) throws ErrnoException {
            int total = 0;
            lock.lock();
            try {
                while (src.hasRemaining()) {
                    if (readers == 0) {
                        if (total > 0) {
                            return total;
                        }
                        throw Errno.EPIPE.exception("FIFO has no reader");
                    }
                    if (count == CAPACITY) {
                        if (nonblock) {
                            if (total > 0) {
                                return total;
                            }
                            throw Errno.EAGAIN.exception("FIFO is full");
                        }
                        awaitLocked();
                        continue;
                    }
                    int n = Math.min(CAPACITY - count, src.remaining());
                    int tail = (head + count) % CAPACITY;
                    for (int i = 0; i < n; i++) {
                        buf[(tail + i) % CAPACITY] = src.get();
                    }
                    count += n;
                    total += n;
                    changed.signalAll();
                }
                return total;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long append(ByteBuffer src, dev.cairn.vfs.spi.Node node) throws ErrnoException {
            return write(src, 0);
        }

        @Override
        public int poll(int events) {
            lock.lock();
            try {
                int r = 0;
                if (rd && (count > 0 || writers == 0)) {
                    r |= POLLIN;
                }
                if (wr && count < CAPACITY) {
                    r |= POLLOUT;
                }
                return r & events;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            boolean last;
            lock.lock();
            try {
                if (rd) {
                    readers--;
                }
                if (wr) {
                    writers--;
                }
                last = readers == 0 && writers == 0;
                if (last) {
                    head = 0;
                    count = 0;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (last) {
                onLastClose.run();
            }
        }
    }
}
