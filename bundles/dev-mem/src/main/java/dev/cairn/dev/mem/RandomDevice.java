package dev.cairn.dev.mem;

import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.CharDevice;
import dev.cairn.vfs.spi.DeviceOpenContext;
import dev.cairn.vfs.spi.Node;
import dev.cairn.vfs.spi.OpenFile;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * /dev/random (1:8) and /dev/urandom (1:9): reads fill the whole buffer with
 * cryptographically strong random bytes without blocking (as Linux since 5.6 once its pool is
 * initialised); writes are accepted and dropped; lseek gives 0 (see the package
 * documentation).
 */
final class RandomDevice implements CharDevice {
    private final String name;
    private final int minor;
    private final OpenFile file;

    RandomDevice(String name, int minor) {
        this.name = name;
        this.minor = minor;
        this.file = new RandomFile(name, newSource());
    }

    /**
     * NativePRNGNonBlocking reads the kernel's non-blocking source; elsewhere the platform
     * default (DRBG), which never blocks once seeded. SecureRandom is thread-safe.
     */
    private static SecureRandom newSource() {
        try {
            return SecureRandom.getInstance("NativePRNGNonBlocking");
        } catch (NoSuchAlgorithmException notOnThisPlatform) {
            return new SecureRandom();
        }
    }

    @Override
    public int major() {
        return 1;
    }

    @Override
    public int minor() {
        return minor;
    }

    @Override
    public String nodeName() {
        return name;
    }

    @Override
    public OpenFile open(DeviceOpenContext context, int flags) {
        return file;
    }

    @Override
    public String toString() {
        return "/dev/" + name + " (1:" + minor + ")";
    }

    private static final class RandomFile implements OpenFile {
        private final String name;
        private final SecureRandom source;

        RandomFile(String name, SecureRandom source) {
            this.name = name;
            this.source = source;
        }

        @Override
        public int read(ByteBuffer dst, long offset) {
            int n = dst.remaining();
            byte[] chunk = new byte[Math.min(n, MemFiles.CHUNK)];
            while (dst.hasRemaining()) {
                int len = Math.min(chunk.length, dst.remaining());
                if (len < chunk.length) {
                    chunk = new byte[len];
                }
                source.nextBytes(chunk);
                dst.put(chunk, 0, len);
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src, long offset) {
            return MemFiles.discard(src);
        }

        @Override
        public long append(ByteBuffer src, Node node) {
            MemFiles.discard(src);
            return 0;
        }

        @Override
        public long seek(long current, long offset, int whence) throws ErrnoException {
            return MemFiles.seekToZero(offset, whence, name);
        }
    }
}
