package dev.cairn.vfs.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The cached children of a directory dentry: a chained hash table whose chain links are
 * the dentries themselves ({@link Dentry#nextInTable}), so a cached lookup allocates nothing
 * and compares a path region without creating a String.
 *
 * <p>Reads take no lock. Writes (guarded by the directory's {@link Dentry#lock}) re-link
 * dentries in place; a reader racing with a write may miss an entry (never find a wrong
 * one: hash and name are compared), and every miss is retried under the directory lock by
 * the caller, so misses are only slower, not wrong.
 */
final class ChildTable {
    /** Chain heads are read with acquire and written with release: safe publication. */
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Dentry[].class);

    /** Chain heads; length a power of two. Replaced on resize (guarded by the dir lock). */
    private volatile Dentry[] table = new Dentry[4];
    /** Guarded by the directory lock. */
    private int size;
    /**
     * Above this many cached children, cached non-directories are dropped (down to 3/4).
     * Only the cache forgets them: holders (open files) keep their dentry, and the next
     * lookup makes a new one. Directories, mount points and synthetic entries stay, since
     * their identity matters (directory locks, mounts).
     */
    static final int FILE_CACHE_LIMIT = 8192;

    static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** The child named {@code path[s, e)} whose String hash is {@code hash}, or null. */
    Dentry get(String path, int s, int e, int hash) {
        Dentry[] t = table;
        int len = e - s;
        for (Dentry d = (Dentry) SLOT.getAcquire(t, spread(hash) & (t.length - 1)); d != null;
                d = d.nextInTable) {
            if (d.nameHash == hash) {
                String n = d.name;
                if (n != null && n.length() == len && matches(n, path, s, len)) {
                    return d;
                }
            }
        }
        return null;
    }

    private static boolean matches(String n, String path, int s, int len) {
        for (int i = 0; i < len; i++) {
            if (n.charAt(i) != path.charAt(s + i)) {
                return false;
            }
        }
        return true;
    }

    Dentry get(String name) {
        return get(name, 0, name.length(), name.hashCode());
    }

    /** Inserts {@code d} under its current name, replacing (and returning) any same-named entry. */
    Dentry putLocked(Dentry d) {
        Dentry old = get(d.name);
        if (old != null) {
            removeLocked(old);
        }
        if (size >= FILE_CACHE_LIMIT) {
            evictFilesLocked();
        }
        Dentry[] t = table;
        if (size + 1 > t.length - (t.length >> 2)) {
            t = resizeLocked(t);
        }
        int b = spread(d.nameHash) & (t.length - 1);
        d.nextInTable = t[b];
        SLOT.setRelease(t, b, d);
        size++;
        table = t;
        return old;
    }

    private Dentry[] resizeLocked(Dentry[] old) {
        Dentry[] n = new Dentry[old.length * 2];
        for (Dentry head : old) {
            Dentry d = head;
            while (d != null) {
                Dentry next = d.nextInTable;
                int b = spread(d.nameHash) & (n.length - 1);
                d.nextInTable = n[b];
                SLOT.setRelease(n, b, d);
                d = next;
            }
        }
        return n;
    }

    private void evictFilesLocked() {
        int target = FILE_CACHE_LIMIT - (FILE_CACHE_LIMIT >> 2);
        for (Dentry d : snapshot()) {
            if (size <= target) {
                return;
            }
            if (!d.isDir() && !d.synthetic && !d.isMountpoint()) {
                removeLocked(d);
            }
        }
    }

    int sizeLocked() {
        return size;
    }

    /** Removes {@code d} (by identity); false when it was not here. */
    boolean removeLocked(Dentry d) {
        Dentry[] t = table;
        int b = spread(d.nameHash) & (t.length - 1);
        Dentry prev = null;
        for (Dentry x = t[b]; x != null; prev = x, x = x.nextInTable) {
            if (x == d) {
                if (prev == null) {
                    SLOT.setRelease(t, b, x.nextInTable);
                } else {
                    prev.nextInTable = x.nextInTable;
                }
                size--;
                table = t;
                return true;
            }
        }
        return false;
    }

    /** All cached children (a snapshot; exact under the directory lock). */
    List<Dentry> snapshot() {
        List<Dentry> out = new ArrayList<>();
        Dentry[] t = table;
        for (int i = 0; i < t.length; i++) {
            for (Dentry d = (Dentry) SLOT.getAcquire(t, i); d != null; d = d.nextInTable) {
                out.add(d);
            }
        }
        return out;
    }
}
