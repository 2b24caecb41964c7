package dev.cairn.shell;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * The "current directory" a Cairn Gogo session is given instead of the host's. Gogo resolves
 * {@code >}, {@code >>} and {@code <} redirections (and globs) against it; every path
 * resolved from here belongs to {@link NoHostFileSystem}, whose every I/O operation fails,
 * so a redirection can never create, truncate or read a host file.
 */
final class NoHostPath implements Path {
    private final NoHostFileSystem fs;
    private final String path;

    NoHostPath(NoHostFileSystem fs, String path) {
        this.fs = fs;
        this.path = path;
    }

    @Override
    public FileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return path.startsWith("/");
    }

    @Override
    public Path getRoot() {
        return isAbsolute() ? new NoHostPath(fs, "/") : null;
    }

    @Override
    public Path getFileName() {
        int i = path.lastIndexOf('/');
        return new NoHostPath(fs, i < 0 ? path : path.substring(i + 1));
    }

    @Override
    public Path getParent() {
        int i = path.lastIndexOf('/');
        return i <= 0 ? getRoot() : new NoHostPath(fs, path.substring(0, i));
    }

    @Override
    public int getNameCount() {
        return names().length;
    }

    private String[] names() {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/+");
    }

    @Override
    public Path getName(int index) {
        return new NoHostPath(fs, names()[index]);
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        String[] n = names();
        return new NoHostPath(fs, String.join("/", java.util.Arrays.copyOfRange(n, beginIndex, endIndex)));
    }

    @Override
    public boolean startsWith(Path other) {
        return path.startsWith(other.toString());
    }

    @Override
    public boolean endsWith(Path other) {
        return path.endsWith(other.toString());
    }

    @Override
    public Path normalize() {
        return this;
    }

    /** Any path, from any provider, resolves into this file system and stays unusable. */
    @Override
    public Path resolve(Path other) {
        String o = other.toString();
        if (o.startsWith("/")) {
            return new NoHostPath(fs, o);
        }
        return new NoHostPath(fs, path.endsWith("/") ? path + o : path + "/" + o);
    }

    @Override
    public Path relativize(Path other) {
        return new NoHostPath(fs, other.toString());
    }

    @Override
    public URI toUri() {
        return URI.create(NoHostFileSystem.SCHEME + ":" + path);
    }

    @Override
    public Path toAbsolutePath() {
        return isAbsolute() ? this : new NoHostPath(fs, "/" + path);
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        throw NoHostFileSystem.refused(this);
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
            throws IOException {
        throw NoHostFileSystem.refused(this);
    }

    @Override
    public int compareTo(Path other) {
        return path.compareTo(other.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoHostPath p && p.path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path;
    }
}
