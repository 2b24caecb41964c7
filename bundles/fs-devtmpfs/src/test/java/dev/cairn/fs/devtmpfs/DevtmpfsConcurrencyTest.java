package dev.cairn.fs.devtmpfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Task;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** Device events racing user operations in the same directories; bounded, no sleeps. */
class DevtmpfsConcurrencyTest {
    private static final int ROUNDS = 200;

    @Test
    void deviceEventsAndUserChangesInterleaveWithoutDeadlockOrLostEntries() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            DevSandbox s = new DevSandbox();
            s.mount("/dev");
            s.mount("/mnt");
            Task other = s.vfs.newTask(DevSandbox.ROOT, s.ns);
            CyclicBarrier start = new CyclicBarrier(3);
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());

            Thread devices = thread(failures, () -> {
                start.await();
                for (int i = 0; i < ROUNDS; i++) {
                    s.vfs.registerCharDevice(TestDevice.of("bus/dev" + (i % 7), 90, i));
                    s.vfs.unregisterCharDevice(90, i);
                }
                s.vfs.registerCharDevice(TestDevice.of("bus/last", 91, 0));
            });
            Thread user = thread(failures, () -> {
                start.await();
                for (int i = 0; i < ROUNDS; i++) {
                    s.task.mkdir("/dev/u" + i, 0755);
                    s.task.rename("/dev/u" + i, "/dev/shm/u" + i);
                    s.task.rmdir("/mnt/shm/u" + i);
                }
            });
            Thread lister = thread(failures, () -> {
                start.await();
                for (int i = 0; i < ROUNDS; i++) {
                    other.listDir("/dev");
                    try {
                        other.listDir("/dev/bus");
                    } catch (dev.cairn.vfs.ErrnoException gone) {
                        assertThat(gone.errno()).isEqualTo(dev.cairn.vfs.Errno.ENOENT);
                    }
                }
            });
            for (Thread t : List.of(devices, user, lister)) {
                t.join();
            }

            assertThat(failures).isEmpty();
            assertThat(s.task.listDir("/dev/bus")).containsExactly("last");
            assertThat(s.task.listDir("/dev/shm")).isEmpty();
            assertThat(s.task.stat("/dev").nlink()).isEqualTo(5);
        });
    }

    @Test
    void parallelWritersToOneShmFileKeepEveryByte() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            DevSandbox s = new DevSandbox();
            s.mount("/dev");
            int fd = s.task.open("/dev/shm/data", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0600);
            int threads = 4;
            int chunk = 10_000;
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            List<Thread> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                byte value = (byte) (t + 1);
                int base = t * chunk;
                all.add(thread(failures, () -> {
                    for (int off = 0; off < chunk; off += 100) {
                        byte[] b = new byte[100];
                        java.util.Arrays.fill(b, value);
                        s.task.pwrite(fd, ByteBuffer.wrap(b), base + off);
                        s.task.pread(fd, ByteBuffer.allocate(64), Math.max(0, base + off - 32));
                    }
                }));
            }
            for (Thread t : all) {
                t.join();
            }

            assertThat(failures).isEmpty();
            byte[] data = s.task.readFile("/dev/shm/data");
            assertThat(data).hasSize(threads * chunk);
            for (int i = 0; i < data.length; i++) {
                assertThat(data[i]).as("byte " + i).isEqualTo((byte) (i / chunk + 1));
            }
            s.task.close(fd);
        });
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    private static Thread thread(List<Throwable> failures, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        t.start();
        return t;
    }
}
