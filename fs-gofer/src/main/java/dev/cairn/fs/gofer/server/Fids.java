package dev.cairn.fs.gofer.server;

import dev.cairn.fs.gofer.p9.Message;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.util.concurrent.ConcurrentHashMap;

/** The fid table of one connection. Thread-safe. */
final class Fids {
    private final ConcurrentHashMap<Integer, Fid> table = new ConcurrentHashMap<>();

    Fid get(int fid) throws ErrnoException {
        Fid f = table.get(fid);
        if (f == null) {
            throw Errno.EBADF.exception("fid " + Integer.toUnsignedString(fid) + " unknown");
        }
        return f;
    }

    /** The fid's state, or null when unbound. */
    Fid find(int fid) {
        return table.get(fid);
    }

    /** Binds {@code fid}; EBADF when it is NOFID or already in use (the new state is then released). */
    void put(int fid, Fid state) throws ErrnoException {
        if (fid == Message.NOFID || table.putIfAbsent(fid, state) != null) {
            state.release();
            throw Errno.EBADF.exception("fid " + Integer.toUnsignedString(fid) + " already in use");
        }
    }

    /** Rebinds an existing fid (a walk with fid == newfid). */
    void replace(int fid, Fid state) {
        Fid old = table.put(fid, state);
        if (old != null && old != state) {
            old.release();
        }
    }

    boolean inUse(int fid) {
        return table.containsKey(fid);
    }

    Fid remove(int fid) throws ErrnoException {
        Fid f = table.remove(fid);
        if (f == null) {
            throw Errno.EBADF.exception("fid " + Integer.toUnsignedString(fid) + " unknown");
        }
        return f;
    }

    void clear() {
        table.values().forEach(Fid::release);
        table.clear();
    }

    int size() {
        return table.size();
    }
}
