package dev.cairn.bench;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A java.nio.file filesystem under test: Jimfs (Unix configuration) or a fresh directory on
 * the host's /dev/shm (tmpfs). Paths are resolved against its root on each call, as a user of
 * java.nio passing strings would.
 */
final class NioFs implements BenchFs, BenchFs.Session {
    private final FileSystem jimfs;
    private final Path root;

    private NioFs(FileSystem jimfs, Path root) {
        this.jimfs = jimfs;
        this.root = root;
    }

    static NioFs jimfs() throws IOException {
        FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
        Path root = fs.getPath("/bench");
        Files.createDirectory(root);
        return new NioFs(fs, root);
    }

    static NioFs host(String base) throws IOException {
        return new NioFs(null, Files.createTempDirectory(Path.of(base), "cairn-bench-"));
    }

    private Path p(String path) {
        return root.resolve(path.substring(1));
    }

    @Override
    public Session session() {
        return this;
    }

    @Override
    public void close() throws IOException {
        if (jimfs != null) {
            jimfs.close();
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path x : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(x);
            }
        }
    }

    @Override
    public void mkdirs(String path) throws IOException {
        Files.createDirectories(p(path));
    }

    @Override
    public void touch(String path) throws IOException {
        Files.createFile(p(path));
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
    public long createStatDelete(String path) throws IOException {
        Path f = p(path);
        Files.createFile(f);
        long size = Files.readAttributes(f, BasicFileAttributes.class).size();
        Files.delete(f);
        return size;
    }

    @Override
    public long stat(String path) throws IOException {
        return Files.readAttributes(p(path), BasicFileAttributes.class).size();
    }

    @Override
    public int list(String dir) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p(dir))) {
            for (Path ignored : ds) {
                n++;
            }
        }
        return n;
    }

    @Override
    public int writeReadDelete(String path, ByteBuffer data, ByteBuffer buf) throws IOException {
        Path f = p(path);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            data.clear();
            ch.write(data);
        }
        int n;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            buf.clear();
            n = ch.read(buf);
        }
        Files.delete(f);
        return n;
    }

    @Override
    public long readSequential(String path, ByteBuffer chunk) throws IOException {
        long total = 0;
        try (FileChannel ch = FileChannel.open(p(path), StandardOpenOption.READ)) {
            int n;
            do {
                chunk.clear();
                n = ch.read(chunk);
                if (n > 0) {
                    total += n;
                }
            } while (n > 0);
        }
        return total;
    }
}
