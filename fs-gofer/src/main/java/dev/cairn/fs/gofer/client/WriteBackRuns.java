package dev.cairn.fs.gofer.client;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One flush's way to the server: the dirty pieces of a file (one per chunk, in offset order)
 * are merged into runs of adjacent bytes of at most {@link #MAX_RUN} bytes, and each run is one
 * {@link FileData.Backing#writeBack} call (which keeps several Twrites of an I/O unit in
 * flight), so many small writes become few large Twrites. No state: the caller holds the
 * file's flush lock.
 */
final class WriteBackRuns {
    /** Most bytes one flush hands to one {@link FileData.Backing#writeBack} call. */
    static final int MAX_RUN = 8 << 20;

    /** Chunk {@code chunk} at chunk index {@code index}, dirty when it was listed. */
    record Dirty(long index, Chunk chunk) { }

    /** The dirty bytes {@code dirty} of chunk {@code chunk} at chunk index {@code index}, as copied. */
    record Piece(long index, Chunk chunk, Chunk.Dirty dirty) {
        long start() {
            return index * Chunk.SIZE + dirty.from();
        }

        long end() {
            return index * Chunk.SIZE + dirty.to();
        }
    }

    private WriteBackRuns() {
    }

    /**
     * Sends the dirty bytes below {@code upTo} of {@code chunks} (sorted by index) through
     * {@code sink}, run after run; a chunk's bytes are copied only when its run is built, so a
     * flush holds at most one run. The pieces of a run the server took are marked flushed in
     * their chunks; those of a failed run go to {@code failed}, and the other runs are still
     * tried.
     *
     * @return the end of the last byte sent, -1 when nothing was
     * @throws ErrnoException the first failure, after all runs were tried
     */
    static long send(List<Dirty> chunks, long upTo, FileData.Backing sink, Consumer<List<Piece>> failed)
            throws ErrnoException {
        ErrnoException failure = null;
        long sentEnd = -1;
        List<Piece> run = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i <= chunks.size(); i++) {
            Piece p = null;
            if (i < chunks.size()) {
                Dirty d = chunks.get(i);
                long start = d.index() * Chunk.SIZE;
                Chunk.Dirty copy = d.chunk().dirty((int) Math.min(Chunk.SIZE, upTo - start));
                if (copy == null) {
                    continue; // flushed or removed meanwhile
                }
                p = new Piece(d.index(), d.chunk(), copy);
            }
            boolean joins = p != null && !run.isEmpty() && p.start() == run.get(run.size() - 1).end()
                    && bytes + p.dirty().bytes().length <= MAX_RUN;
            if (!joins && !run.isEmpty()) {
                try {
                    sendRun(sink, run, (int) bytes);
                    run.forEach(q -> q.chunk().flushed(q.dirty()));
                    sentEnd = Math.max(sentEnd, run.get(run.size() - 1).end());
                } catch (ErrnoException e) {
                    if (failure == null) {
                        failure = e;
                    }
                    failed.accept(run);
                }
                run = new ArrayList<>();
                bytes = 0;
            }
            if (p != null) {
                run.add(p);
                bytes += p.dirty().bytes().length;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return sentEnd;
    }

    private static void sendRun(FileData.Backing sink, List<Piece> run, int bytes) throws ErrnoException {
        ByteBuffer buf = ByteBuffer.allocate(bytes);
        run.forEach(p -> buf.put(p.dirty().bytes()));
        buf.flip();
        long offset = run.get(0).start();
        while (buf.hasRemaining()) {
            long at = offset + buf.position();
            if (sink.writeBack(buf, at) <= 0) {
                throw Errno.EIO.exception("write-back " + sink.path() + ": server wrote nothing at " + at);
            }
        }
    }
}
