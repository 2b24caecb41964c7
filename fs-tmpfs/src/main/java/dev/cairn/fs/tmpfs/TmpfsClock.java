package dev.cairn.fs.tmpfs;

/**
 * Wall-clock time in nanoseconds without allocation: the epoch offset is taken once from
 * {@link System#currentTimeMillis()} and advanced with {@link System#nanoTime()}, so times
 * are monotonic with nanosecond resolution. A later change of the host clock is not followed.
 */
final class TmpfsClock {
    private static final long OFFSET = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    private TmpfsClock() {
    }

    static long now() {
        return OFFSET + System.nanoTime();
    }
}
