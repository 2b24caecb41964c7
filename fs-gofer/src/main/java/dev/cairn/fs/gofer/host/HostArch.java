package dev.cairn.fs.gofer.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * What differs between the Linux architectures the host layer supports: the values of
 * {@code O_DIRECTORY} and {@code O_NOFOLLOW} (arm64 numbers them like 32-bit ARM), and the
 * layout of {@code struct stat} (x86-64 has its own, 144 bytes; arm64 uses the generic one,
 * 128 bytes). Everything else the gofer passes to the kernel (the other open flags, AT_*,
 * socket options, {@code struct msghdr}/{@code cmsghdr}, {@code struct statfs},
 * {@code struct flock}, {@code linux_dirent64}) is the same on both.
 *
 * <p>On any other architecture {@link #CURRENT} is null-like ({@link #UNSUPPORTED}): the gofer
 * refuses to start (a wrong O_NOFOLLOW would let symlinks escape the export) and the client
 * takes no donated fds.
 */
public enum HostArch {
    X86_64(0200000, 0400000) {
        @Override
        HostStat decodeStat(ByteBuffer s) {
            return new HostStat(s.getLong(0), s.getLong(8), s.getLong(16), s.getInt(24), s.getInt(28), s.getInt(32),
                    s.getLong(40), s.getLong(48), s.getLong(56), s.getLong(64), s.getLong(72), s.getLong(80),
                    s.getLong(88), s.getLong(96), s.getLong(104), s.getLong(112));
        }
    },
    AARCH64(040000, 0100000) {
        @Override
        HostStat decodeStat(ByteBuffer s) {
            // st_dev, st_ino, st_mode(u32), st_nlink(u32), st_uid, st_gid, st_rdev, __pad1, st_size,
            // st_blksize(i32), __pad2, st_blocks, then three (sec, nsec) pairs
            return new HostStat(s.getLong(0), s.getLong(8), Integer.toUnsignedLong(s.getInt(20)), s.getInt(16),
                    s.getInt(24), s.getInt(28), s.getLong(32), s.getLong(48), s.getInt(56), s.getLong(64),
                    s.getLong(72), s.getLong(80), s.getLong(88), s.getLong(96), s.getLong(104), s.getLong(112));
        }
    },
    UNSUPPORTED(0200000, 0400000) {
        @Override
        HostStat decodeStat(ByteBuffer s) {
            throw new IllegalStateException("struct stat layout of " + System.getProperty("os.arch") + " unknown");
        }
    };

    /** The architecture of this JVM. */
    public static final HostArch CURRENT = of(System.getProperty("os.arch", ""));
    /** Bytes a {@code struct stat} buffer needs on every supported architecture. */
    static final int STAT_BYTES = 144;

    final int oDirectory;
    final int oNofollow;

    HostArch(int oDirectory, int oNofollow) {
        this.oDirectory = oDirectory;
        this.oNofollow = oNofollow;
    }

    /** The architecture named by {@code os.arch}. */
    static HostArch of(String osArch) {
        switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64":
            case "x86_64":
                return X86_64;
            case "aarch64":
            case "arm64":
                return AARCH64;
            default:
                return UNSUPPORTED;
        }
    }

    public boolean supported() {
        return this != UNSUPPORTED;
    }

    /** A {@code struct stat} as this architecture lays it out, in native byte order. */
    abstract HostStat decodeStat(ByteBuffer s);

    HostStat decode(ByteBuffer b) {
        return decodeStat(b.duplicate().order(ByteOrder.nativeOrder()));
    }
}
