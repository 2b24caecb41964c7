package dev.cairn.fs.gofer.server;

import dev.cairn.fs.gofer.host.FdChannel;
import dev.cairn.fs.gofer.p9.Codec;
import dev.cairn.fs.gofer.p9.Frame;
import dev.cairn.fs.gofer.p9.Framing;
import dev.cairn.fs.gofer.p9.Message;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.fs.gofer.p9.ProtocolException;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One 9P connection served by the gofer: one thread at a time reads frames, and each request
 * runs on its own pool thread (the one that read it, see {@link #run}), so that many tags are
 * in flight at once; replies are written under one lock. Tflush cancels a request that has not started (it is never answered) or waits
 * for a running one to answer first, then answers Rflush, as 9P requires.
 *
 * <p>With fd donation on ({@link GoferServer#setDonateFds}), the reply to a Tlopen of a
 * regular file carries the opened fd. Lock order: a fid's monitor, then the write lock.
 *
 * <p>Bounded: at most {@link #MAX_IN_FLIGHT} requests are queued or running (the reader
 * stops reading until one finishes), and a frame is never larger than the msize.
 */
public final class Session implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    static final int MAX_IN_FLIGHT = 64;
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int FLUSHED = 2;

    private final ByteChannel channel;
    private final Export export;
    private final Fids fids = new Fids();
    private final DirRequests dirs;
    private final FileRequests files;
    private final Framing framing;
    private final int maxMsize;
    private volatile int msize;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ConcurrentHashMap<Integer, Pending> inFlight = new ConcurrentHashMap<>();
    private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
    private final ExecutorService workers;
    private final String name;
    private final Hook hook;
    /** Donate the fd of each Tlopen'd regular file (the channel is an {@link FdChannel}). */
    private volatile boolean donateFds;

    void setDonateFds(boolean donate) {
        this.donateFds = donate && channel instanceof FdChannel;
    }

    /** Called on the worker before each request is answered (tests use it to hold a request). */
    interface Hook {
        Hook NONE = m -> { };

        void before(Message request) throws InterruptedException;
    }

    private static final class Pending {
        final AtomicInteger state = new AtomicInteger(QUEUED);
        final CountDownLatch done = new CountDownLatch(1);
    }

    Session(ByteChannel channel, Export export, int maxMsize, String name) {
        this(channel, export, maxMsize, name, Hook.NONE);
    }

    Session(ByteChannel channel, Export export, int maxMsize, String name, Hook hook) {
        this.hook = hook;
        this.channel = channel;
        this.export = export;
        this.maxMsize = maxMsize;
        this.msize = maxMsize;
        this.framing = new Framing(maxMsize);
        DirRequests.Owner owner = new DirRequests.Owner();
        this.dirs = new DirRequests(export, fids, owner);
        this.files = new FileRequests(export, fids, owner);
        this.name = name;
        this.workers = WORKER_POOL;
    }

    /**
     * Threads shared by all sessions of this process, for both roles: the reader of a
     * connection and the request it read. Grows as needed (each session has at most
     * {@link #MAX_IN_FLIGHT} requests plus one reader), threads end after 30 s idle.
     */
    private static final java.util.concurrent.ThreadPoolExecutor WORKER_POOL = newPool();

    private static java.util.concurrent.ThreadPoolExecutor newPool() {
        AtomicInteger n = new AtomicInteger();
        return new java.util.concurrent.ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "gofer-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Counted down when the session has ended (fids released, channel closed). */
    private final CountDownLatch ended = new CountDownLatch(1);

    /**
     * Serves until the peer closes the connection or breaks the framing; then releases all
     * fids. The calling thread reads the first request; from then on the reading role moves
     * between pool threads (leader/follower): the thread that read a request hands the reading
     * on to another thread and serves the request itself, so a request costs one thread
     * wake-up on its way in, not two. Returns when the session has ended.
     */
    @Override
    public void run() {
        readUntilRequest();
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The reader's turn: reads frames until one is a request to serve, or the session ends. */
    private void readUntilRequest() {
        Frame f;
        try {
            while (true) {
                try {
                    f = framing.read(channel);
                } catch (ProtocolException e) {
                    if (e.tag() < 0) {
                        LOG.warn("{}: closing connection: {}", name, e.getMessage());
                        shutdown();
                        return;
                    }
                    LOG.debug("{}: malformed request: {}", name, e.getMessage());
                    reply(e.tag(), new Rlerror(Errno.EINVAL.number()));
                    continue;
                }
                if (f == null) {
                    shutdown();
                    return;
                }
                Pending p = accept(f);
                if (p != null) {
                    workers.execute(this::readUntilRequest); // the next reader
                    serve(f.tag(), f.message(), p);
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: connection ended: {}", name, e.toString());
            shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.error("{}: no thread to read the connection with; closing it", name);
            shutdown();
        } catch (RuntimeException e) {
            LOG.error("{}: reading the connection failed unexpectedly; closing it", name, e);
            shutdown();
        }
    }

    /**
     * Registers a request for serving (waiting for a free slot first); answers at once what is
     * answered on the reader (Tversion, which waits until nothing is in flight; a reply, a
     * reused tag).
     *
     * @return the request's state when it is to be served, else null
     */
    private Pending accept(Frame f) throws InterruptedException {
        Message m = f.message();
        if (!m.type().isRequest()) {
            reply(f.tag(), new Rlerror(Errno.EINVAL.number()));
            return null;
        }
        if (m instanceof Tversion v) {
            awaitIdle();
            reply(f.tag(), version(v));
            return null;
        }
        Pending p = new Pending();
        if (inFlight.putIfAbsent(f.tag(), p) != null) {
            LOG.debug("{}: tag {} reused while in flight", name, f.tag());
            reply(f.tag(), new Rlerror(Errno.EINVAL.number()));
            return null;
        }
        slots.acquire();
        return p;
    }

    private void serve(int tag, Message m, Pending p) {
        try {
            if (m instanceof Tflush fl) {
                flush(fl.oldtag());
                inFlight.remove(tag, p);
                reply(tag, new Rflush());
                return;
            }
            if (!p.state.compareAndSet(QUEUED, RUNNING)) {
                return; // flushed before it started: never answered
            }
            Message r = answer(m);
            // the tag is free again before the peer can see the reply and reuse it
            inFlight.remove(tag, p);
            if (!(donateFds && r instanceof Rlopen && m instanceof Tlopen o && replyDonating(tag, r, o.fid()))) {
                reply(tag, r);
            }
        } finally {
            inFlight.remove(tag, p);
            p.done.countDown();
            slots.release();
        }
    }

    private void flush(int oldtag) {
        Pending old = inFlight.get(oldtag);
        if (old == null) {
            return;
        }
        if (old.state.compareAndSet(QUEUED, FLUSHED)) {
            inFlight.remove(oldtag, old);
            return;
        }
        try {
            if (!old.done.await(30, TimeUnit.SECONDS)) {
                LOG.warn("{}: request {} still running after 30 s; answering the flush", name, oldtag);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Message answer(Message m) {
        try {
            hook.before(m);
            return Dispatch.handle(m, dirs, files, msize);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Rlerror(Errno.EINTR.number());
        } catch (ErrnoException e) {
            LOG.debug("{}: {} failed: {}", name, m.type(), e.getMessage());
            return new Rlerror(e.errno().number());
        } catch (RuntimeException e) {
            LOG.error("{}: {} failed unexpectedly", name, m.type(), e);
            return new Rlerror(Errno.EIO.number());
        }
    }

    private Message version(Tversion v) {
        fids.clear();
        if (!v.version().startsWith(Framing.VERSION)) {
            return new Rversion(msize, "unknown");
        }
        try {
            int agreed = Framing.negotiate(v.msize(), maxMsize);
            msize = agreed;
            framing.setMaxFrame(agreed);
            return new Rversion(agreed, Framing.VERSION);
        } catch (ProtocolException e) {
            return new Rlerror(Errno.EINVAL.number());
        }
    }

    private void awaitIdle() throws InterruptedException {
        if (slots.tryAcquire(MAX_IN_FLIGHT, 30, TimeUnit.SECONDS)) {
            slots.release(MAX_IN_FLIGHT);
        }
    }

    /**
     * Answers a Tlopen of a regular file with its open fd attached (the session keeps its own
     * descriptor). The fid's monitor is held until the fd is sent, so a racing Tclunk cannot
     * close it and let its number be reused for another file meanwhile.
     *
     * @return false when there is nothing to donate (not a regular file, fid gone)
     */
    private boolean replyDonating(int tag, Message m, int fid) {
        Fid f = fids.find(fid);
        if (f == null) {
            return false;
        }
        synchronized (f) {
            int fd = f.openFd();
            if (!f.isRegular() || fd < 0) {
                return false;
            }
            ByteBuffer frame = Codec.encode(tag, m);
            writeLock.lock();
            try {
                ((FdChannel) channel).writeWithFd(frame, fd);
            } catch (IOException e) {
                LOG.debug("{}: reply to tag {} lost: {}", name, tag, e.toString());
            } finally {
                writeLock.unlock();
            }
            return true;
        }
    }

    private void reply(int tag, Message m) {
        ByteBuffer frame;
        ByteBuffer data = null;
        if (m instanceof Rread r && r.data().isDirect()) {
            // header only; the data goes out from the worker's direct buffer as it is
            data = r.data();
            frame = Codec.rreadHeader(tag, data.remaining());
        } else {
            frame = Codec.encode(tag, m);
        }
        writeLock.lock();
        try {
            Framing.write(channel, frame);
            if (data != null) {
                Framing.write(channel, data);
            }
        } catch (IOException e) {
            LOG.debug("{}: reply to tag {} lost: {}", name, tag, e.toString());
        } finally {
            writeLock.unlock();
        }
    }

    private void shutdown() {
        try {
            // let this session's running requests finish before their fids go
            awaitIdle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fids.clear();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("{}: close: {}", name, e.toString());
        }
        LOG.debug("{}: session ended", name);
        ended.countDown();
    }

    /** Fids currently bound (for tests and diagnostics). */
    int fidCount() {
        return fids.size();
    }

    boolean readOnly() {
        return export.readOnly();
    }
}
