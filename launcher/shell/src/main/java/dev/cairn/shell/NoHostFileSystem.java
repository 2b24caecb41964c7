package dev.cairn.shell;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A file system with no files: the target of Gogo's redirections in a Cairn shell. Opening,
 * listing, creating or deleting anything fails with an IOException that says why and what
 * to use instead; nothing reaches the host.
 */
final class NoHostFileSystem extends FileSystem {
    static final String SCHEME = "cairn-nohost";

    private final Provider provider = new Provider();

    /** The path a session's current directory is set to. */
    Path root() {
        return new NoHostPath(this, "/");
    }

    static IOException refused(Path p) {
        return new IOException("cannot redirect to or from '" + p + "': redirections would use host files and are "
                + "disabled in a Cairn shell; use 'write FILE TEXT...' or 'append FILE TEXT...' instead");
    }

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(root());
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of();
    }

    @Override
    public Path getPath(String first, String... more) {
        StringBuilder sb = new StringBuilder(first);
        for (String m : more) {
            sb.append('/').append(m);
        }
        return new NoHostPath(this, sb.toString());
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        return p -> false;
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("no users in a file system without files");
    }

    @Override
    public WatchService newWatchService() throws IOException {
        throw refused(root());
    }

    /** Every operation refuses. */
    private final class Provider extends FileSystemProvider {
        @Override
        public String getScheme() {
            return SCHEME;
        }

        @Override
        public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
            return NoHostFileSystem.this;
        }

        @Override
        public FileSystem getFileSystem(URI uri) {
            return NoHostFileSystem.this;
        }

        @Override
        public Path getPath(URI uri) {
            return new NoHostPath(NoHostFileSystem.this, uri.getSchemeSpecificPart());
        }

        @Override
        public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                                                  FileAttribute<?>... attrs) throws IOException {
            throw refused(path);
        }

        @Override
        public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
                throws IOException {
            throw refused(dir);
        }

        @Override
        public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
            throw refused(dir);
        }

        @Override
        public void delete(Path path) throws IOException {
            throw refused(path);
        }

        @Override
        public void copy(Path source, Path target, CopyOption... options) throws IOException {
            throw refused(source);
        }

        @Override
        public void move(Path source, Path target, CopyOption... options) throws IOException {
            throw refused(source);
        }

        @Override
        public boolean isSameFile(Path path, Path path2) {
            return path.equals(path2);
        }

        @Override
        public boolean isHidden(Path path) {
            return false;
        }

        @Override
        public FileStore getFileStore(Path path) throws IOException {
            throw refused(path);
        }

        @Override
        public void checkAccess(Path path, AccessMode... modes) throws IOException {
            throw refused(path);
        }

        @Override
        public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
            return null;
        }

        @Override
        public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
                throws IOException {
            throw refused(path);
        }

        @Override
        public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
                throws IOException {
            throw refused(path);
        }

        @Override
        public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
            throw refused(path);
        }
    }
}
