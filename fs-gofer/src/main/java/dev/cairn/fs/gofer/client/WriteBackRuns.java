package dev.cairn.fs.gofer.client;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.nio.ByteBuffer;
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

    /** The dirty bytes {@code dirty} of chunk {@code chunk} at chunk index {@code index}. */
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
     * Sends {@code pieces} (sorted by offset) through {@code sink}, run after run. The pieces of
     * a run the server took are marked flushed in their chunks; those of a failed run go to
     * {@code failed}, and the remaining runs are still tried.
     *
     * @return the end of the last byte sent
     * @throws ErrnoException the first failure, after all runs were tried
     */
    static long send(List<Piece> pieces, FileData.Backing sink, Consumer<List<Piece>> failed) throws ErrnoException {
        ErrnoException failure = null;
        long sentEnd = -1;
        int i = 0;
        while (i < pieces.size()) {
            int j = i + 1;
            long bytes = pieces.get(i).dirty().bytes().length;
            while (j < pieces.size() && pieces.get(j).start() == pieces.get(j - 1).end()
                    && bytes + pieces.get(j).dirty().bytes().length <= MAX_RUN) {
                bytes += pieces.get(j).dirty().bytes().length;
                j++;
            }
            List<Piece> run = pieces.subList(i, j);
            try {
                sendRun(sink, run, (int) bytes);
                run.forEach(p -> p.chunk().flushed(p.dirty()));
                sentEnd = Math.max(sentEnd, run.get(run.size() - 1).end());
            } catch (ErrnoException e) {
                if (failure == null) {
                    failure = e;
                }
                failed.accept(run);
            }
            i = j;
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
