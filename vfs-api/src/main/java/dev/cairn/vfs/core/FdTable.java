package dev.cairn.vfs.core;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A task's file descriptors: lowest free number first. Lookups read a volatile array
 * without locking; changes happen under the table's monitor and republish the array.
 */
final class FdTable {
    static final int MAX_FDS = 1 << 20;

    /** Republished after each change; elements written under this. */
    private volatile FileDescription[] fds = new FileDescription[16];
    /** Guarded by this. */
    private boolean[] cloexec = new boolean[16];

    FileDescription get(int fd) throws ErrnoException {
        FileDescription[] a = fds;
        if (fd < 0 || fd >= a.length || a[fd] == null) {
            throw Errno.EBADF.exception("fd " + fd);
        }
        return a[fd];
    }

    synchronized int install(FileDescription fd, boolean closeOnExec, int from) throws ErrnoException {
        FileDescription[] a = fds;
        int i = from;
        while (i < a.length && a[i] != null) {
            i++;
        }
        if (i >= MAX_FDS) {
            throw Errno.EMFILE.exception("fd table full");
        }
        a = ensureLocked(i);
        a[i] = fd;
        cloexec[i] = closeOnExec;
        fds = a;
        return i;
    }

    private FileDescription[] ensureLocked(int i) {
        FileDescription[] a = fds;
        if (i < a.length) {
            return a;
        }
        int n = Math.max(a.length * 2, i + 1);
        cloexec = Arrays.copyOf(cloexec, n);
        return Arrays.copyOf(a, n);
    }

    /** Removes fd and returns its description (the caller drops the reference). */
    synchronized FileDescription remove(int fd) throws ErrnoException {
        FileDescription[] a = fds;
        if (fd < 0 || fd >= a.length || a[fd] == null) {
            throw Errno.EBADF.exception("fd " + fd);
        }
        FileDescription d = a[fd];
        a[fd] = null;
        fds = a;
        return d;
    }

    /** dup2: installs at newfd, returning what was there (to be released) or null. */
    synchronized FileDescription installAt(FileDescription fd, int newfd) throws ErrnoException {
        if (newfd < 0 || newfd >= MAX_FDS) {
            throw Errno.EBADF.exception("fd " + newfd);
        }
        FileDescription[] a = ensureLocked(newfd);
        FileDescription old = a[newfd];
        a[newfd] = fd;
        cloexec[newfd] = false;
        fds = a;
        return old;
    }

    synchronized boolean closeOnExec(int fd) {
        return fd >= 0 && fd < cloexec.length && cloexec[fd];
    }

    List<Integer> list() {
        FileDescription[] a = fds;
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != null) {
                out.add(i);
            }
        }
        return out;
    }

    /** Removes every fd; returns the descriptions to release. */
    synchronized List<FileDescription> clear() {
        FileDescription[] a = fds;
        List<FileDescription> out = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != null) {
                out.add(a[i]);
                a[i] = null;
            }
        }
        fds = a;
        return out;
    }
}
