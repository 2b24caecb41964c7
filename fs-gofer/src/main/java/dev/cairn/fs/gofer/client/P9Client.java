package dev.cairn.fs.gofer.client;

import dev.cairn.fs.gofer.host.FdChannel;
import dev.cairn.fs.gofer.host.Host;
import dev.cairn.fs.gofer.p9.Codec;
import dev.cairn.fs.gofer.p9.Frame;
import dev.cairn.fs.gofer.p9.Framing;
import dev.cairn.fs.gofer.p9.Message;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.fs.gofer.p9.ProtocolException;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RPC half of the 9p client: tags, one reader thread, any number of requests in flight
 * from any number of threads, and fid numbers. Every wait is bounded by the timeout; when
 * the connection breaks (the server died, the stream was malformed) every pending and later
 * call fails with EIO at once.
 */
public final class P9Client implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(P9Client.class);

    private final ByteChannel channel;
    private final Framing framing;
    private final Duration timeout;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ConcurrentHashMap<Integer, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextTag = new AtomicInteger();
    private final FidPool fids = new FidPool();
    private final Thread reader;
    private volatile int msize;
    private volatile String broken;

    private P9Client(ByteChannel channel, int msize, Duration timeout) {
        this.channel = channel;
        this.framing = new Framing(msize);
        this.msize = msize;
        this.timeout = timeout;
        this.reader = new Thread(this::readLoop, "9p-client-reader");
        this.reader.setDaemon(true);
    }

    /**
     * Opens a session over {@code channel}: starts the reader and negotiates the version and
     * msize (the server may lower it).
     *
     * @throws ErrnoException EIO when the server does not speak 9P2000.L or does not answer
     */
    public static P9Client connect(ByteChannel channel, int msize, Duration timeout) throws ErrnoException {
        P9Client c = new P9Client(channel, msize, timeout);
        c.reader.start();
        Message r = c.await(c.send(Message.NOTAG, new Tversion(msize, Framing.VERSION)), "version", Message.NOTAG);
        if (!(r instanceof Rversion v) || !v.version().equals(Framing.VERSION)) {
            c.close();
            throw Errno.EIO.exception("9P server refused version " + Framing.VERSION + ": " + r);
        }
        long agreed = Integer.toUnsignedLong(v.msize());
        if (agreed < Framing.MIN_MSIZE || agreed > msize) {
            c.close();
            throw Errno.EIO.exception("9P server answered msize " + agreed + " (asked " + msize + ")");
        }
        c.msize = (int) agreed;
        c.framing.setMaxFrame((int) agreed);
        return c;
    }

    /** The negotiated msize. */
    public int msize() {
        return msize;
    }

    /** The most data bytes one Tread/Twrite may carry. */
    public int ioUnit() {
        return msize - Codec.IOHDRSZ;
    }

    public int newFid() {
        return fids.allocate();
    }

    public void releaseFid(int fid) {
        fids.release(fid);
    }

    /** True once the connection has failed. */
    public boolean isBroken() {
        return broken != null;
    }

    /**
     * Sends {@code request} and waits for its reply.
     *
     * @return the reply of the expected type
     * @throws ErrnoException the server's errno for Rlerror (with {@code what} as detail); EIO
     *                        when the connection is broken, the wait times out or the reply
     *                        has the wrong type
     */
    public <T extends Message> T call(Message request, Class<T> expected, String what) throws ErrnoException {
        int tag = allocateTag(what);
        return cast(await(send(tag, request), what, tag), request, expected, what);
    }

    /** A reply and the host fd that came with it ({@code fd} -1 when none; the caller owns it). */
    public record WithFd<T extends Message>(T reply, int fd) {
    }

    /**
     * As {@link #call}, for a request whose reply may carry a donated host fd (Tlopen to a
     * gofer with fd donation, over a channel that receives fds). An fd that comes with an
     * error reply, or after the caller gave up waiting, is closed.
     */
    public <T extends Message> WithFd<T> callForFd(Message request, Class<T> expected, String what)
            throws ErrnoException {
        int tag = allocateTag(what, new FdFuture());
        FdFuture f = (FdFuture) pending.get(tag);
        T reply;
        try {
            reply = cast(await(send(tag, request), what, tag), request, expected, what);
        } catch (ErrnoException e) {
            Host.close(f.take());
            throw e;
        }
        return new WithFd<>(reply, f.take());
    }

    /** The future of a call that takes a donated fd; the fd is handed over at most once. */
    private static final class FdFuture extends CompletableFuture<Message> {
        /** Guarded by this. */
        private int fd = -1;
        /** Guarded by this: the caller took (or gave up) the fd; a later one is closed. */
        private boolean taken;

        synchronized void offer(int newFd) {
            if (taken || fd >= 0) {
                Host.close(newFd);
            } else {
                fd = newFd;
            }
        }

        synchronized int take() {
            taken = true;
            int r = fd;
            fd = -1;
            return r;
        }
    }

    private static <T extends Message> T cast(Message reply, Message request, Class<T> expected, String what)
            throws ErrnoException {
        if (reply instanceof Rlerror e) {
            throw new ErrnoException(Errno.of(e.ecode()), what);
        }
        if (!expected.isInstance(reply)) {
            throw Errno.EIO.exception(what + ": server answered " + reply.type() + " to " + request.type());
        }
        return expected.cast(reply);
    }

    /** Sends without waiting; the future completes with the reply (Rlerror included). */
    public CompletableFuture<Message> submit(Message request) throws ErrnoException {
        return send(allocateTag(request.type().name()), request);
    }

    /** Sends Tflush for a tag in flight and waits for Rflush. */
    public void flush(int oldtag) throws ErrnoException {
        call(new Tflush(oldtag), Rflush.class, "flush tag " + oldtag);
    }

    /** Tags currently awaiting replies (for tests). */
    public java.util.Set<Integer> tagsInFlight() {
        return java.util.Set.copyOf(pending.keySet());
    }

    private int allocateTag(String what) throws ErrnoException {
        return allocateTag(what, null);
    }

    private int allocateTag(String what, CompletableFuture<Message> future) throws ErrnoException {
        for (int i = 0; i < 65535; i++) {
            int tag = nextTag.getAndIncrement() & 0xffff;
            if (tag == Message.NOTAG) {
                continue;
            }
            if (pending.putIfAbsent(tag, future != null ? future : new CompletableFuture<>()) == null) {
                return tag;
            }
        }
        throw Errno.EAGAIN.exception(what + ": all 9P tags in use");
    }

    private CompletableFuture<Message> send(int tag, Message request) throws ErrnoException {
        CompletableFuture<Message> f = pending.computeIfAbsent(tag, t -> new CompletableFuture<>());
        String b = broken;
        if (b != null) {
            pending.remove(tag);
            throw Errno.EIO.exception(b);
        }
        ByteBuffer frame = Codec.encode(tag, request);
        if (frame.remaining() > msize) {
            pending.remove(tag);
            throw Errno.EMSGSIZE.exception(request.type() + " of " + frame.remaining() + " bytes exceeds msize");
        }
        writeLock.lock();
        try {
            Framing.write(channel, frame);
        } catch (IOException e) {
            fail("9P connection lost while sending: " + e.getMessage());
        } finally {
            writeLock.unlock();
        }
        return f;
    }

    private Message await(CompletableFuture<Message> f, String what, int tag) throws ErrnoException {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon(tag);
            throw Errno.EIO.exception(what + ": no answer from the 9P server within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof ErrnoException ee ? new ErrnoException(ee.errno(), what + ": " + ee.detail(), ee)
                    : Errno.EIO.exception(what + ": " + c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(tag);
            throw Errno.EINTR.exception(what);
        }
    }

    /** A timed-out request: ask the server to forget it; the tag stays reserved until it answers. */
    private void abandon(int tag) {
        if (tag == Message.NOTAG || broken != null) {
            return;
        }
        try {
            submit(new Tflush(tag));
        } catch (ErrnoException e) {
            LOG.debug("flush of tag {} not sent: {}", tag, e.getMessage());
        }
    }

    /**
     * Sends Tread with a destination: the reply's data is read from the socket straight into
     * {@code sink} (from its position, at most its remaining bytes); the reply's
     * {@link Rread#data()} is then a view of the bytes placed there.
     */
    public CompletableFuture<Message> submitRead(int fid, long offset, ByteBuffer sink) throws ErrnoException {
        int tag = allocateTag("read");
        sinks.put(tag, sink);
        try {
            return send(tag, new Tread(fid, offset, sink.remaining()));
        } catch (ErrnoException e) {
            sinks.remove(tag);
            throw e;
        }
    }

    /** Forgets read destinations whose replies are no longer awaited (the data is then dropped). */
    public void dropSinks(java.util.Collection<ByteBuffer> abandoned) {
        sinks.values().removeIf(b -> abandoned.stream().anyMatch(a -> a == b));
    }

    private final ConcurrentHashMap<Integer, ByteBuffer> sinks = new ConcurrentHashMap<>();
    private final ByteBuffer header = ByteBuffer.allocate(Codec.HEADER + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);

    /** One reply: an Rread with a registered sink is read into it, anything else decoded. */
    private Frame readReply() throws IOException, ProtocolException {
        header.clear().limit(Codec.HEADER);
        if (!Framing.fill(channel, header, true)) {
            return null;
        }
        long size = Integer.toUnsignedLong(header.getInt(0));
        int type = header.get(4) & 0xff;
        int tag = header.getShort(5) & 0xffff;
        if (size < Codec.HEADER || size > framing.maxFrame()) {
            throw new ProtocolException(null, "size", "frame size " + size + " outside [7, " + framing.maxFrame() + "]");
        }
        ByteBuffer sink = sinks.remove(tag);
        if (sink != null && type == dev.cairn.fs.gofer.p9.MessageType.RREAD.wire() && size >= Codec.HEADER + 4) {
            header.limit(Codec.HEADER + 4);
            Framing.fill(channel, header, false);
            long count = Integer.toUnsignedLong(header.getInt(Codec.HEADER));
            if (count != size - Codec.HEADER - 4 || count > sink.remaining()) {
                throw new ProtocolException(dev.cairn.fs.gofer.p9.MessageType.RREAD, "count", "count " + count
                        + " in a frame of " + size + " for a read of " + sink.remaining());
            }
            ByteBuffer into = sink.slice();
            into.limit((int) count);
            Framing.fill(channel, into, false);
            into.flip();
            return new Frame(tag, new Rread(into));
        }
        ByteBuffer body = ByteBuffer.allocate((int) size - 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        body.put(header.array(), 4, 3);
        Framing.fill(channel, body, false);
        body.flip();
        return Codec.decodeBody(body);
    }

    private void readLoop() {
        try {
            while (true) {
                Frame f = readReply();
                if (f == null) {
                    fail("9P server closed the connection");
                    return;
                }
                CompletableFuture<Message> waiter = pending.remove(f.tag());
                deliverFds(waiter);
                if (waiter == null) {
                    LOG.debug("9P reply for unknown tag {} dropped", f.tag());
                } else {
                    waiter.complete(f.message());
                }
            }
        } catch (IOException e) {
            fail("9P connection lost: " + e.getMessage());
        } catch (ProtocolException e) {
            fail("9P server sent a malformed frame: " + e.getMessage());
        }
    }

    /** Fds that came with the frame just read go to a call that takes one; others are closed. */
    private void deliverFds(CompletableFuture<Message> waiter) {
        if (!(channel instanceof FdChannel fc)) {
            return;
        }
        int[] fds = fc.takeReceivedFds();
        for (int i = 0; i < fds.length; i++) {
            // donated fds are used with this architecture's struct stat: none where it is unknown
            if (i == 0 && waiter instanceof FdFuture ff && dev.cairn.fs.gofer.host.HostArch.CURRENT.supported()) {
                ff.offer(fds[0]);
            } else {
                Host.close(fds[i]);
            }
        }
    }

    private void fail(String why) {
        if (broken == null) {
            broken = why;
            LOG.debug(why);
        }
        ErrnoException e = Errno.EIO.exception(why);
        pending.values().forEach(p -> p.completeExceptionally(e));
        pending.clear();
        try {
            channel.close();
        } catch (IOException ex) {
            LOG.debug("close: {}", ex.toString());
        }
    }

    /** Closes the connection; pending calls fail with EIO. */
    @Override
    public void close() {
        fail("9P client closed");
    }
}
