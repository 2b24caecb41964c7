package dev.cairn.fs.gofer.server;

import dev.cairn.fs.gofer.host.Host;
import dev.cairn.fs.gofer.host.HostStat;
import java.util.List;

/**
 * The server's state for one client fid: an O_PATH fd on the file it names (owned), the
 * components from the export root to it as last known (for messages, and as the first guess
 * when ".." or a request needs the parent: {@link Export#locate} checks it against the fd and
 * finds the file again when another client or the host renamed something), and, once opened,
 * an I/O fd. An xattr fid carries the value being read or written instead.
 *
 * <p>Mutable fields are guarded by this object's monitor.
 */
final class Fid {
    /** O_PATH|O_NOFOLLOW fd on the named file; guarded by this. */
    private int pathFd;
    /** Components from the export root as last known (stale after renames by others); guarded by this. */
    private List<String> path;
    /** File type bits (S_IFMT) of the named file. */
    private int fileType;
    /** Fd from Tlopen/Tlcreate, or -1; guarded by this. */
    private int openFd = -1;
    private int openFlags;
    /** The attribute value (or name list) an xattrwalk fid reads; null otherwise. */
    private byte[] xattrValue;
    /** A pending xattrcreate: committed at clunk. */
    private XattrWrite xattrWrite;

    record XattrWrite(String name, byte[] value, int flags, int[] written) {
    }

    Fid(int pathFd, List<String> path, int fileType) {
        this.pathFd = pathFd;
        this.path = List.copyOf(path);
        this.fileType = fileType;
    }

    synchronized int pathFd() {
        return pathFd;
    }

    synchronized List<String> path() {
        return path;
    }

    synchronized String describe() {
        return "/" + String.join("/", path);
    }

    synchronized boolean isDirectory() {
        return fileType == HostStat.S_IFDIR;
    }

    /** The S_IFMT bits of the named file (0 for an xattr fid). */
    synchronized int fileType() {
        return fileType;
    }

    synchronized boolean isRegular() {
        return fileType == HostStat.S_IFREG;
    }

    synchronized boolean isSymlink() {
        return fileType == HostStat.S_IFLNK;
    }

    synchronized int openFd() {
        return openFd;
    }

    synchronized int openFlags() {
        return openFlags;
    }

    synchronized boolean isOpen() {
        return openFd >= 0 || xattrValue != null || xattrWrite != null;
    }

    synchronized void setOpen(int fd, int flags) {
        openFd = fd;
        openFlags = flags;
    }

    /** {@link Export#locate} found the file at {@code current}: remember it. */
    synchronized void moved(List<String> current) {
        path = List.copyOf(current);
    }

    /** After Tlcreate: this fid now names the new file. */
    synchronized void becomeCreated(int newPathFd, String name, int type, int fd, int flags) {
        Host.close(pathFd);
        pathFd = newPathFd;
        path = append(path, name);
        fileType = type;
        openFd = fd;
        openFlags = flags;
    }

    synchronized byte[] xattrValue() {
        return xattrValue;
    }

    synchronized void setXattrValue(byte[] v) {
        xattrValue = v;
    }

    synchronized XattrWrite xattrWrite() {
        return xattrWrite;
    }

    synchronized void setXattrWrite(XattrWrite w) {
        xattrWrite = w;
    }

    /** Closes both fds; the fid is unusable afterwards. */
    synchronized void release() {
        Host.close(openFd);
        Host.close(pathFd);
        openFd = -1;
        pathFd = -1;
    }

    static List<String> append(List<String> path, String name) {
        String[] a = path.toArray(new String[path.size() + 1]);
        a[path.size()] = name;
        return List.of(a);
    }
}
