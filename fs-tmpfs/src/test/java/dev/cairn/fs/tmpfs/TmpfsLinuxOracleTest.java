package dev.cairn.fs.tmpfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.StatFs;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.spi.Node;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs one sequence of operations on a host tmpfs (python3 os, mounted with the same options)
 * and on Cairn's tmpfs, and compares the results line by line. Skips when python3 or mount
 * (root) is not available.
 */
class TmpfsLinuxOracleTest {
    private static final String OPTIONS = "size=64k,nr_inodes=16,mode=755";

    private static final String SCRIPT = String.join("\n",
            "import os, sys, errno, ctypes",
            "R = sys.argv[1]",
            "libc = ctypes.CDLL(None, use_errno=True)",
            "out = []",
            "def p(x): return R + x",
            "def run(name, fn):",
            "    try: v = fn()",
            "    except OSError as e: v = errno.errorcode[e.errno]",
            "    out.append(name + ' ' + str(v))",
            "def fall(fd, mode, off, ln):",
            "    if libc.fallocate(fd, mode, ctypes.c_long(off), ctypes.c_long(ln)) != 0:",
            "        e = ctypes.get_errno(); raise OSError(e, os.strerror(e))",
            "    return 0",
            "run('mkdir', lambda: os.mkdir(p('/d'), 0o755))",
            "run('mkdir-again', lambda: os.mkdir(p('/d'), 0o755))",
            "fd = os.open(p('/d/f'), os.O_CREAT | os.O_RDWR, 0o644)",
            "run('write', lambda: os.write(fd, b'hello'))",
            "run('rmdir-nonempty', lambda: os.rmdir(p('/d')))",
            "run('unlink-dir', lambda: os.unlink(p('/d')))",
            "run('pwrite-far', lambda: os.pwrite(fd, b'x', 20000))",
            "run('size', lambda: os.fstat(fd).st_size)",
            "run('blocks', lambda: os.fstat(fd).st_blocks)",
            "run('seek-data-0', lambda: os.lseek(fd, 0, os.SEEK_DATA))",
            "run('seek-hole-0', lambda: os.lseek(fd, 0, os.SEEK_HOLE))",
            "run('seek-data-5000', lambda: os.lseek(fd, 5000, os.SEEK_DATA))",
            "run('seek-hole-past', lambda: os.lseek(fd, 20001, os.SEEK_HOLE))",
            "run('link', lambda: os.link(p('/d/f'), p('/d/g')))",
            "run('rename-same-inode', lambda: os.rename(p('/d/g'), p('/d/f')))",
            "run('nlink', lambda: os.stat(p('/d/f')).st_nlink)",
            "run('symlink', lambda: os.symlink('f', p('/d/s')))",
            "run('readlink', lambda: os.readlink(p('/d/s')))",
            "run('symlink-size', lambda: os.lstat(p('/d/s')).st_size)",
            "run('rmdir-file', lambda: os.rmdir(p('/d/f')))",
            "run('dir-size', lambda: os.stat(p('/d')).st_size)",
            "run('mkdir-e', lambda: os.mkdir(p('/e'), 0o700))",
            "run('root-nlink', lambda: os.stat(R).st_nlink)",
            "run('mkdir-sub', lambda: os.mkdir(p('/d/sub'), 0o755))",
            "run('rename-dir-over-empty', lambda: os.rename(p('/e'), p('/d/sub')))",
            "run('d-nlink', lambda: os.stat(p('/d')).st_nlink)",
            "run('mkdir-e2', lambda: os.mkdir(p('/e'), 0o700))",
            "run('rename-over-nonempty', lambda: os.rename(p('/e'), p('/d')))",
            "run('root-nlink-after', lambda: os.stat(R).st_nlink)",
            "run('ftruncate', lambda: os.ftruncate(fd, 3))",
            "run('pread', lambda: os.pread(fd, 10, 0))",
            "run('blocks-after-truncate', lambda: os.fstat(fd).st_blocks)",
            "run('setxattr', lambda: os.setxattr(p('/d/f'), 'user.a', b'1'))",
            "run('setxattr-create-existing', lambda: os.setxattr(p('/d/f'), 'user.a', b'2', os.XATTR_CREATE))",
            "run('setxattr-replace-missing', lambda: os.setxattr(p('/d/f'), 'user.b', b'2', os.XATTR_REPLACE))",
            "run('getxattr', lambda: os.getxattr(p('/d/f'), 'user.a'))",
            "run('getxattr-missing', lambda: os.getxattr(p('/d/f'), 'user.zz'))",
            "run('removexattr-missing', lambda: os.removexattr(p('/d/f'), 'user.zz'))",
            "run('fallocate-punch-only', lambda: fall(fd, 2, 0, 4096))",
            "run('fallocate-keep', lambda: fall(fd, 1, 0, 8192))",
            "run('size-after-keep', lambda: os.fstat(fd).st_size)",
            "run('blocks-after-keep', lambda: os.fstat(fd).st_blocks)",
            "run('fallocate-punch', lambda: fall(fd, 3, 0, 8192))",
            "run('blocks-after-punch', lambda: os.fstat(fd).st_blocks)",
            "s = os.statvfs(R)",
            "out.append('statfs %d %d %d %d %d' % (s.f_bsize, s.f_blocks, s.f_bfree, s.f_files, s.f_ffree))",
            "big = os.open(p('/big'), os.O_CREAT | os.O_WRONLY, 0o644)",
            "run('write-big', lambda: os.write(big, b'z' * 70000))",
            "run('write-full', lambda: os.write(big, b'z'))",
            "run('fallocate-full', lambda: fall(big, 0, 65536, 4096))",
            "os.close(big)",
            "for i in range(20):",
            "    try: os.mkdir(p('/m%d' % i))",
            "    except OSError as e: out.append('mkdir-many %d %s' % (i, errno.errorcode[e.errno])); break",
            "os.close(fd)",
            "print('\\n'.join(out))");

    @Test
    void operationSequenceMatchesHostTmpfs() throws Exception {
        List<String> linux = runOnHost();
        TmpfsFixture f = TmpfsFixture.mount(OPTIONS);
        List<String> cairn = runOnCairn(f.root);
        assertThat(cairn).containsExactlyElementsOf(linux);
    }

    private static List<String> runOnHost() throws Exception {
        assumeTrue(onPath("python3"), "python3 not available");
        Path dir = Files.createTempDirectory("tmpfs-oracle");
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", OPTIONS, "none", dir.toString())
                .redirectErrorStream(true).start();
        boolean mounted = m.waitFor(20, TimeUnit.SECONDS) && m.exitValue() == 0;
        try {
            assumeTrue(mounted, "cannot mount a host tmpfs (needs root): "
                    + new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            Process py = new ProcessBuilder("python3", "-", dir.toString()).redirectErrorStream(true).start();
            py.getOutputStream().write(SCRIPT.getBytes(StandardCharsets.UTF_8));
            py.getOutputStream().close();
            String text = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(py.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(py.exitValue()).as(text).isZero();
            return List.of(text.strip().split("\n"));
        } finally {
            if (mounted) {
                new ProcessBuilder("umount", dir.toString()).start().waitFor(20, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(dir);
        }
    }

    private static boolean onPath(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }

    @FunctionalInterface
    private interface Op {
        Object run() throws ErrnoException;
    }

    private static void run(List<String> out, String name, Op op) {
        String v;
        try {
            Object r = op.run();
            v = r == null ? "None" : r instanceof byte[] b ? pyBytes(b) : r.toString();
        } catch (ErrnoException e) {
            v = e.errno() == dev.cairn.vfs.Errno.EOPNOTSUPP ? "ENOTSUP" : e.errno().name(); // python's name
        }
        out.add(name + " " + v);
    }

    private static String pyBytes(byte[] b) {
        return "b'" + new String(b, StandardCharsets.ISO_8859_1) + "'";
    }

    private static List<String> runOnCairn(Task t) throws ErrnoException {
        List<String> out = new ArrayList<>();
        run(out, "mkdir", () -> mkdir(t, "/d", 0755));
        run(out, "mkdir-again", () -> mkdir(t, "/d", 0755));
        int fd = t.open("/d/f", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644);
        run(out, "write", () -> t.write(fd, buf("hello")));
        run(out, "rmdir-nonempty", () -> none(() -> t.rmdir("/d")));
        run(out, "unlink-dir", () -> none(() -> t.unlink("/d")));
        run(out, "pwrite-far", () -> t.pwrite(fd, buf("x"), 20000));
        run(out, "size", () -> t.fstat(fd).size());
        run(out, "blocks", () -> t.fstat(fd).blocks());
        run(out, "seek-data-0", () -> t.lseek(fd, 0, AtFlags.SEEK_DATA));
        run(out, "seek-hole-0", () -> t.lseek(fd, 0, AtFlags.SEEK_HOLE));
        run(out, "seek-data-5000", () -> t.lseek(fd, 5000, AtFlags.SEEK_DATA));
        run(out, "seek-hole-past", () -> t.lseek(fd, 20001, AtFlags.SEEK_HOLE));
        run(out, "link", () -> none(() -> t.link("/d/f", "/d/g")));
        run(out, "rename-same-inode", () -> none(() -> t.rename("/d/g", "/d/f")));
        run(out, "nlink", () -> t.stat("/d/f").nlink());
        run(out, "symlink", () -> none(() -> t.symlink("f", "/d/s")));
        run(out, "readlink", () -> t.readlink("/d/s"));
        run(out, "symlink-size", () -> t.lstat("/d/s").size());
        run(out, "rmdir-file", () -> none(() -> t.rmdir("/d/f")));
        run(out, "dir-size", () -> t.stat("/d").size());
        run(out, "mkdir-e", () -> mkdir(t, "/e", 0700));
        run(out, "root-nlink", () -> t.stat("/").nlink());
        run(out, "mkdir-sub", () -> mkdir(t, "/d/sub", 0755));
        run(out, "rename-dir-over-empty", () -> none(() -> t.rename("/e", "/d/sub")));
        run(out, "d-nlink", () -> t.stat("/d").nlink());
        run(out, "mkdir-e2", () -> mkdir(t, "/e", 0700));
        run(out, "rename-over-nonempty", () -> none(() -> t.rename("/e", "/d")));
        run(out, "root-nlink-after", () -> t.stat("/").nlink());
        run(out, "ftruncate", () -> none(() -> t.ftruncate(fd, 3)));
        run(out, "pread", () -> {
            ByteBuffer b = ByteBuffer.allocate(10);
            int n = t.pread(fd, b, 0);
            return java.util.Arrays.copyOf(b.array(), n);
        });
        run(out, "blocks-after-truncate", () -> t.fstat(fd).blocks());
        run(out, "setxattr", () -> none(() -> t.setxattr("/d/f", "user.a", "1".getBytes(), 0, true)));
        run(out, "setxattr-create-existing",
                () -> none(() -> t.setxattr("/d/f", "user.a", "2".getBytes(), Node.XATTR_CREATE, true)));
        run(out, "setxattr-replace-missing",
                () -> none(() -> t.setxattr("/d/f", "user.b", "2".getBytes(), Node.XATTR_REPLACE, true)));
        run(out, "getxattr", () -> t.getxattr("/d/f", "user.a", true));
        run(out, "getxattr-missing", () -> t.getxattr("/d/f", "user.zz", true));
        run(out, "removexattr-missing", () -> none(() -> t.removexattr("/d/f", "user.zz", true)));
        run(out, "fallocate-punch-only", () -> zero(() -> t.fallocate(fd, 2, 0, 4096)));
        run(out, "fallocate-keep", () -> zero(() -> t.fallocate(fd, 1, 0, 8192)));
        run(out, "size-after-keep", () -> t.fstat(fd).size());
        run(out, "blocks-after-keep", () -> t.fstat(fd).blocks());
        run(out, "fallocate-punch", () -> zero(() -> t.fallocate(fd, 3, 0, 8192)));
        run(out, "blocks-after-punch", () -> t.fstat(fd).blocks());
        StatFs s = t.statfs("/");
        out.add("statfs " + s.blockSize() + " " + s.blocks() + " " + s.blocksFree() + " " + s.files() + " "
                + s.filesFree());
        int big = t.open("/big", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        run(out, "write-big", () -> t.write(big, ByteBuffer.wrap("z".repeat(70000).getBytes())));
        run(out, "write-full", () -> t.write(big, buf("z")));
        run(out, "fallocate-full", () -> zero(() -> t.fallocate(big, 0, 65536, 4096)));
        t.close(big);
        for (int i = 0; i < 20; i++) {
            try {
                t.mkdir("/m" + i, 0777);
            } catch (ErrnoException e) {
                out.add("mkdir-many " + i + " " + e.errno().name());
                break;
            }
        }
        t.close(fd);
        return out;
    }

    @FunctionalInterface
    private interface VoidOp {
        void run() throws ErrnoException;
    }

    private static Object none(VoidOp op) throws ErrnoException {
        op.run();
        return null;
    }

    private static Object zero(VoidOp op) throws ErrnoException {
        op.run();
        return 0;
    }

    private static Object mkdir(Task t, String path, int mode) throws ErrnoException {
        t.mkdir(path, mode);
        return null;
    }

    private static ByteBuffer buf(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
