package dev.cairn.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The host peer: the exported directory itself, read and written through java.nio (strings
 * resolved against the export root on every call, as a java.nio user passing paths would).
 */
final class GoferHostPeer implements GoferPeer {
    private final Path root;

    GoferHostPeer(Path root) {
        this.root = root;
    }

    private Path p(String path) {
        return root.resolve(path.substring(1));
    }

    @Override
    public long stat(String path) throws IOException {
        return Files.readAttributes(p(path), BasicFileAttributes.class).size();
    }

    @Override
    public int openReadClose(String path, ByteBuffer buf) throws IOException {
        try (FileChannel ch = FileChannel.open(p(path), StandardOpenOption.READ)) {
            buf.clear();
            return ch.read(buf);
        }
    }

    @Override
    public long readSequential(String path, ByteBuffer chunk) throws IOException {
        long total = 0;
        try (FileChannel ch = FileChannel.open(p(path), StandardOpenOption.READ)) {
            int n;
            while ((n = ch.read(chunk.clear())) > 0) {
                total += n;
            }
        }
        return total;
    }

    @Override
    public void writeSequential(String path, ByteBuffer chunk, int count) throws IOException {
        try (FileChannel ch = FileChannel.open(p(path), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < count; i++) {
                chunk.clear();
                while (chunk.hasRemaining()) {
                    ch.write(chunk);
                }
            }
        }
    }

    @Override
    public long listWithAttributes(String dir) throws IOException {
        long sum = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p(dir))) {
            for (Path e : ds) {
                sum += Files.readAttributes(e, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
            }
        }
        return sum;
    }

    @Override
    public void close() {
        // the export directory is removed by GoferFixture
    }
}
