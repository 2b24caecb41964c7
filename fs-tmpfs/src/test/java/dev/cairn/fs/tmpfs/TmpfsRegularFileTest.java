package dev.cairn.fs.tmpfs;

import static dev.cairn.fs.tmpfs.TmpfsFixture.bytes;
import static dev.cairn.fs.tmpfs.TmpfsFixture.errno;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.Task;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TmpfsRegularFileTest {
    private static final int PAGE = 4096;

    @Test
    void writtenDataReadsBackAndSizeFollows() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        int fd = f.create("/a");
        assertThat(t.write(fd, bytes("hello world"))).isEqualTo(11);
        assertThat(t.pwrite(fd, bytes("W"), 6)).isEqualTo(1);
        t.close(fd);
        assertThat(f.read("/a")).isEqualTo("hello World");
        Stat st = t.stat("/a");
        assertThat(st.size()).isEqualTo(11);
        assertThat(st.blocks()).isEqualTo(8);
        assertThat(st.blksize()).isEqualTo(PAGE);
        assertThat(st.nlink()).isEqualTo(1);
    }

    @Test
    void sparseFileReadsZerosInHolesAndCountsOnlyAllocatedPages() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        int fd = f.create("/sparse");
        long far = 10L * 1024 * 1024 * 1024 * 1024; // 10 TiB: beyond the flat page array
        t.pwrite(fd, bytes("x"), 3 * PAGE + 5);
        t.pwrite(fd, bytes("y"), far);
        Stat st = t.fstat(fd);
        assertThat(st.size()).isEqualTo(far + 1);
        assertThat(st.blocks()).isEqualTo(2 * 8);
        ByteBuffer buf = ByteBuffer.allocate(4 * PAGE);
        assertThat(t.pread(fd, buf, 0)).isEqualTo(4 * PAGE);
        byte[] expect = new byte[4 * PAGE];
        expect[3 * PAGE + 5] = 'x';
        assertThat(buf.array()).isEqualTo(expect);
        ByteBuffer end = ByteBuffer.allocate(10);
        assertThat(t.pread(fd, end, far - 9)).isEqualTo(10);
        assertThat(end.array()[9]).isEqualTo((byte) 'y');
        assertThat(end.array()[0]).isZero();
    }

    @Test
    void seekDataAndHoleFindPages() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        int fd = f.create("/s");
        t.pwrite(fd, bytes("a"), 2 * PAGE + 10);
        t.ftruncate(fd, 6 * PAGE);
        assertThat(t.lseek(fd, 0, AtFlags.SEEK_DATA)).isEqualTo(2 * PAGE);
        assertThat(t.lseek(fd, 2 * PAGE + 100, AtFlags.SEEK_DATA)).isEqualTo(2 * PAGE + 100);
        assertThat(t.lseek(fd, 0, AtFlags.SEEK_HOLE)).isZero();
        assertThat(t.lseek(fd, 2 * PAGE, AtFlags.SEEK_HOLE)).isEqualTo(3 * PAGE);
        assertThat(errno(() -> t.lseek(fd, 3 * PAGE, AtFlags.SEEK_DATA))).isEqualTo(Errno.ENXIO);
        assertThat(errno(() -> t.lseek(fd, 6 * PAGE, AtFlags.SEEK_HOLE))).isEqualTo(Errno.ENXIO);
        t.pwrite(fd, bytes("b"), 6 * PAGE - 1);
        assertThat(t.lseek(fd, 3 * PAGE, AtFlags.SEEK_DATA)).isEqualTo(5 * PAGE);
        assertThat(t.lseek(fd, 5 * PAGE, AtFlags.SEEK_HOLE)).isEqualTo(6 * PAGE);
    }

    @Test
    void truncateDownZeroesTheTailSoExtendingShowsZeros() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        int fd = f.create("/t");
        byte[] data = new byte[3 * PAGE];
        Arrays.fill(data, (byte) 7);
        t.write(fd, ByteBuffer.wrap(data));
        t.ftruncate(fd, PAGE + 1);
        assertThat(t.fstat(fd).blocks()).isEqualTo(16);
        t.ftruncate(fd, 3 * PAGE);
        ByteBuffer buf = ByteBuffer.allocate(3 * PAGE);
        t.pread(fd, buf, 0);
        assertThat(buf.array()[PAGE]).isEqualTo((byte) 7);
        assertThat(buf.array()[PAGE + 1]).isZero();
        assertThat(buf.array()[3 * PAGE - 1]).isZero();
        assertThat(t.fstat(fd).blocks()).isEqualTo(16);
        // the freed third page is reused for this write: its old bytes must not show
        t.pwrite(fd, bytes("z"), 2 * PAGE + 5);
        ByteBuffer third = ByteBuffer.allocate(PAGE);
        t.pread(fd, third, 2 * PAGE);
        byte[] expect = new byte[PAGE];
        expect[5] = 'z';
        assertThat(third.array()).isEqualTo(expect);
        assertThat(t.fstat(fd).blocks()).isEqualTo(24);
    }

    @Test
    void fallocateModesAllocateKeepSizeAndPunch() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        int fd = f.create("/fa");
        t.fallocate(fd, 0, 0, 2 * PAGE);
        assertThat(t.fstat(fd).size()).isEqualTo(2 * PAGE);
        assertThat(t.fstat(fd).blocks()).isEqualTo(16);
        t.fallocate(fd, 1, 2 * PAGE, 2 * PAGE);
        assertThat(t.fstat(fd).size()).isEqualTo(2 * PAGE);
        assertThat(t.fstat(fd).blocks()).isEqualTo(32);
        byte[] ones = new byte[2 * PAGE];
        Arrays.fill(ones, (byte) 1);
        t.pwrite(fd, ByteBuffer.wrap(ones), 0);
        t.fallocate(fd, 3, 100, PAGE + 100);
        ByteBuffer buf = ByteBuffer.allocate(2 * PAGE);
        t.pread(fd, buf, 0);
        assertThat(buf.array()[99]).isEqualTo((byte) 1);
        assertThat(buf.array()[100]).isZero();
        assertThat(buf.array()[PAGE + 199]).isZero();
        assertThat(buf.array()[PAGE + 200]).isEqualTo((byte) 1);
        assertThat(t.fstat(fd).size()).isEqualTo(2 * PAGE);
        t.fallocate(fd, 3, 0, 4 * PAGE);
        assertThat(t.fstat(fd).blocks()).isZero();
        assertThat(errno(() -> t.fallocate(fd, 2, 0, PAGE))).isEqualTo(Errno.EOPNOTSUPP);
        assertThat(errno(() -> t.fallocate(fd, 0x10, 0, PAGE))).isEqualTo(Errno.EOPNOTSUPP);
        assertThat(errno(() -> t.fallocate(fd, 0, 0, 0))).isEqualTo(Errno.EINVAL);
        assertThat(errno(() -> t.fallocate(fd, 0, Long.MAX_VALUE - 10, 100))).isEqualTo(Errno.EFBIG);
    }

    @Test
    void writeEndingPastTheMaximumIsEinvalAndFallocatePastItIsEfbig() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        int fd = f.create("/big");
        assertThat(errno(() -> t.pwrite(fd, bytes("x"), Long.MAX_VALUE))).isEqualTo(Errno.EINVAL);
        assertThat(errno(() -> t.pwrite(fd, bytes("xyz"), Long.MAX_VALUE - 1))).isEqualTo(Errno.EINVAL);
        assertThat(t.pwrite(fd, bytes("xyz"), 1L << 62)).isEqualTo(3);
        assertThat(t.fstat(fd).size()).isEqualTo((1L << 62) + 3);
        assertThat(errno(() -> t.fallocate(fd, 1, Long.MAX_VALUE - 1, 2))).isEqualTo(Errno.EFBIG);
        t.ftruncate(fd, Long.MAX_VALUE);
        assertThat(t.fstat(fd).size()).isEqualTo(Long.MAX_VALUE);
        int app = t.open("/big", OpenFlags.O_WRONLY | OpenFlags.O_APPEND);
        assertThat(errno(() -> t.write(app, bytes("x")))).isEqualTo(Errno.EFBIG);
        t.ftruncate(fd, Long.MAX_VALUE - 1);
        assertThat(t.write(app, bytes("xyz"))).as("short append up to the maximum, as Linux").isEqualTo(1);
        assertThat(t.fstat(fd).size()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void sizeLimitGivesShortWriteThenEnospcAndFreesOnUnlink() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("size=16k");
        Task t = f.root;
        int fd = f.create("/full");
        assertThat(t.write(fd, ByteBuffer.allocate(20000))).isEqualTo(16384);
        assertThat(errno(() -> t.write(fd, ByteBuffer.allocate(10)))).isEqualTo(Errno.ENOSPC);
        assertThat(errno(() -> t.fallocate(fd, 0, 16384, 1))).isEqualTo(Errno.ENOSPC);
        assertThat(t.statfs("/").blocksFree()).isZero();
        t.close(fd);
        t.unlink("/full");
        assertThat(t.statfs("/").blocksFree()).isEqualTo(4);
        int fd2 = f.create("/again");
        assertThat(t.write(fd2, ByteBuffer.allocate(16384))).isEqualTo(16384);
    }

    @Test
    void reusedPagesOfDeletedFilesReadAsZerosInNewFiles() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        byte[] junk = new byte[8 * PAGE];
        Arrays.fill(junk, (byte) 0x5a);
        t.writeFile("/old", junk);
        t.unlink("/old");
        int fd = f.create("/new");
        t.pwrite(fd, bytes("x"), 10);
        t.fallocate(fd, 0, PAGE, 2 * PAGE);
        t.pwrite(fd, ByteBuffer.wrap(junk, 0, PAGE), 3 * PAGE);
        t.ftruncate(fd, 3 * PAGE + 100);
        t.ftruncate(fd, 5 * PAGE);
        t.pwrite(fd, bytes("y"), 4 * PAGE + 7);
        ByteBuffer all = ByteBuffer.allocate(5 * PAGE);
        t.pread(fd, all, 0);
        byte[] expect = new byte[5 * PAGE];
        expect[10] = 'x';
        Arrays.fill(expect, 3 * PAGE, 3 * PAGE + 100, (byte) 0x5a);
        expect[4 * PAGE + 7] = 'y';
        assertThat(all.array()).isEqualTo(expect);
    }

    @Test
    void unlinkedOpenFileKeepsDataUntilClose() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("size=8k");
        Task t = f.root;
        int fd = f.create("/ghost");
        t.write(fd, ByteBuffer.allocate(8192));
        t.unlink("/ghost");
        assertThat(t.fstat(fd).nlink()).isZero();
        assertThat(t.pread(fd, ByteBuffer.allocate(10), 0)).isEqualTo(10);
        assertThat(t.statfs("/").blocksFree()).isZero();
        t.close(fd);
        assertThat(t.statfs("/").blocksFree()).isEqualTo(2);
    }

    @Test
    void writeAndTruncateUpdateMtimeAndCtime() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        int fd = f.create("/times");
        t.utimensat(AtFlags.AT_FDCWD, "/times", 1_000_000_000L, 2_000_000_000L, 0);
        Stat before = t.fstat(fd);
        assertThat(before.mtimeNanos()).isEqualTo(2_000_000_000L);
        t.write(fd, bytes("x"));
        Stat afterWrite = t.fstat(fd);
        assertThat(afterWrite.mtimeNanos()).isGreaterThan(before.mtimeNanos());
        assertThat(afterWrite.ctimeNanos()).isGreaterThanOrEqualTo(before.ctimeNanos());
        assertThat(afterWrite.atimeNanos()).isEqualTo(1_000_000_000L);
        t.utimensat(AtFlags.AT_FDCWD, "/times", 1_000_000_000L, 2_000_000_000L, 0);
        t.ftruncate(fd, 0);
        assertThat(t.fstat(fd).mtimeNanos()).isGreaterThan(2_000_000_000L);
    }

    @Test
    void readUpdatesAtimeOnlyWhenOlderThanMtime() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Task t = f.root;
        t.writeFile("/r", "data".getBytes());
        t.utimensat(AtFlags.AT_FDCWD, "/r", 1_000_000_000L, 2_000_000_000L, 0);
        long ctime = t.stat("/r").ctimeNanos();
        t.readFile("/r");
        Stat st = t.stat("/r");
        assertThat(st.atimeNanos()).isGreaterThan(2_000_000_000L);
        assertThat(st.ctimeNanos()).as("atime update leaves ctime").isEqualTo(ctime);
        int fd = t.open("/r", OpenFlags.O_RDONLY | OpenFlags.O_NOATIME);
        t.utimensat(AtFlags.AT_FDCWD, "/r", 1_000_000_000L, 2_000_000_000L, 0);
        t.read(fd, ByteBuffer.allocate(4));
        assertThat(t.stat("/r").atimeNanos()).isEqualTo(1_000_000_000L);
    }

    @Test
    void concurrentAppendsNeverOverlap() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        int threads = 4;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                byte mark = (byte) ('a' + i);
                Task t = f.vfs.newTask(dev.cairn.vfs.Credentials.root(), f.ns);
                done.add(pool.submit(() -> {
                    int fd = t.open("/log", OpenFlags.O_CREAT | OpenFlags.O_WRONLY | OpenFlags.O_APPEND, 0644);
                    byte[] rec = new byte[100];
                    Arrays.fill(rec, mark);
                    for (int j = 0; j < perThread; j++) {
                        t.write(fd, ByteBuffer.wrap(rec));
                    }
                    t.close(fd);
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        byte[] all = f.root.readFile("/log");
        assertThat(all).hasSize(threads * perThread * 100);
        for (int r = 0; r < all.length; r += 100) {
            for (int k = 1; k < 100; k++) {
                assertThat(all[r + k]).as("record at %d is whole", r).isEqualTo(all[r]);
            }
        }
    }

    @Test
    void concurrentWritersOfDifferentFilesKeepTheirOwnData() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String path = "/w" + i;
                byte mark = (byte) (i + 1);
                Task t = f.vfs.newTask(dev.cairn.vfs.Credentials.root(), f.ns);
                done.add(pool.submit(() -> {
                    int fd = t.open(path, OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644);
                    byte[] chunk = new byte[10000];
                    Arrays.fill(chunk, mark);
                    for (int j = 0; j < 100; j++) {
                        t.pwrite(fd, ByteBuffer.wrap(chunk), (long) j * chunk.length);
                        ByteBuffer back = ByteBuffer.allocate(chunk.length);
                        t.pread(fd, back, (long) j * chunk.length);
                        assertThat(back.array()).isEqualTo(chunk);
                    }
                    t.close(fd);
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(f.root.stat("/w0").size()).isEqualTo(1_000_000);
    }
}
