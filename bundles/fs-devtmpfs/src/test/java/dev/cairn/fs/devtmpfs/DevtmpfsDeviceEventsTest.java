package dev.cairn.fs.devtmpfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Stat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class DevtmpfsDeviceEventsTest {
    private static Errno errnoOf(Throwable t) {
        return ((ErrnoException) t).errno();
    }

    @Test
    void aDeviceRegisteredAfterMountGetsItsNodeAtTheEnd() throws Exception {
        DevSandbox s = new DevSandbox(TestDevice.of("null", 1, 3));
        s.mount("/dev");

        s.vfs.registerCharDevice(TestDevice.of("late", 77, 4));

        Stat st = s.task.stat("/dev/late");
        assertThat(st.mode()).isEqualTo(020666);
        assertThat(st.rdevMajor()).isEqualTo(77);
        assertThat(st.rdevMinor()).isEqualTo(4);
        List<String> names = s.task.listDir("/dev");
        assertThat(names.get(names.size() - 1)).isEqualTo("late");
        int fd = s.task.open("/dev/late", OpenFlags.O_RDONLY);
        ByteBuffer one = ByteBuffer.allocate(1);
        s.task.read(fd, one);
        assertThat(one.get(0)).isEqualTo((byte) 4);
        s.task.close(fd);
    }

    @Test
    void anUnregisteredDeviceLosesItsNodeEvenWhenTheLookupWasCached() throws Exception {
        DevSandbox s = new DevSandbox(TestDevice.of("null", 1, 3), TestDevice.of("zero", 1, 5));
        s.mount("/dev");
        assertThat(s.task.stat("/dev/zero").rdevMinor()).isEqualTo(5);

        assertThat(s.vfs.unregisterCharDevice(1, 5)).isTrue();

        assertThatThrownBy(() -> s.task.stat("/dev/zero"))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOENT));
        assertThatThrownBy(() -> s.task.open("/dev/zero", OpenFlags.O_RDONLY))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOENT));
        assertThat(s.task.listDir("/dev")).contains("null").doesNotContain("zero");
    }

    @Test
    void aDeviceThatReturnsGetsItsNodeBack() throws Exception {
        DevSandbox s = new DevSandbox(TestDevice.of("zero", 1, 5));
        s.mount("/dev");
        s.task.stat("/dev/zero");
        s.vfs.unregisterCharDevice(1, 5);

        s.vfs.registerCharDevice(TestDevice.of("zero", 1, 5));

        assertThat(s.task.stat("/dev/zero").rdevMinor()).isEqualTo(5);
    }

    @Test
    void nestedNamesGetParentsThatGoAwayWithTheLastDevice() throws Exception {
        DevSandbox s = new DevSandbox();
        s.mount("/dev");

        s.vfs.registerCharDevice(TestDevice.of("net/tun", 10, 200));
        s.vfs.registerCharDevice(TestDevice.of("net/tap", 10, 201));
        Stat net = s.task.stat("/dev/net");
        assertThat(net.isDirectory()).isTrue();
        assertThat(net.permissions()).isEqualTo(0755);
        assertThat(s.task.listDir("/dev/net")).containsExactly("tun", "tap");

        s.vfs.unregisterCharDevice(10, 200);
        assertThat(s.task.listDir("/dev/net")).containsExactly("tap");
        s.vfs.unregisterCharDevice(10, 201);
        assertThatThrownBy(() -> s.task.stat("/dev/net"))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOENT));
    }

    @Test
    void aParentHoldingAUserFileStaysWhenItsDeviceGoes() throws Exception {
        DevSandbox s = new DevSandbox(TestDevice.of("snd/control", 116, 0));
        s.mount("/dev");
        s.task.writeFile("/dev/snd/mine", new byte[] {1});

        s.vfs.unregisterCharDevice(116, 0);

        assertThat(s.task.listDir("/dev/snd")).containsExactly("mine");
    }

    @Test
    void aNodeTheUserPutAtTheDeviceNameIsNeitherReplacedNorRemoved() throws Exception {
        DevSandbox s = new DevSandbox();
        s.mount("/dev");
        s.task.mknodat(AtFlags.AT_FDCWD, "/dev/mine", 020600, 9, 9);

        s.vfs.registerCharDevice(TestDevice.of("mine", 9, 8));
        assertThat(s.task.stat("/dev/mine").rdevMinor()).isEqualTo(9);
        s.vfs.unregisterCharDevice(9, 8);

        assertThat(s.task.stat("/dev/mine").permissions()).isEqualTo(0600);
    }

    @Test
    void aDeviceNodeTheUserRemovedIsNotRecreatedUntilTheDeviceRegistersAgain() throws Exception {
        DevSandbox s = new DevSandbox(TestDevice.of("zero", 1, 5));
        s.mount("/dev");

        s.task.unlink("/dev/zero");

        assertThat(s.task.listDir("/dev")).doesNotContain("zero");
        s.vfs.unregisterCharDevice(1, 5);
        s.vfs.registerCharDevice(TestDevice.of("zero", 1, 5));
        assertThat(s.task.listDir("/dev")).contains("zero");
    }

    @Test
    void unusableNodeNamesAreSkipped() throws Exception {
        DevSandbox s = new DevSandbox(TestDevice.of("../escape", 50, 1), TestDevice.of("/abs", 50, 2),
                TestDevice.of("a//b", 50, 3), TestDevice.of("", 50, 4), TestDevice.of("fine", 50, 5));
        s.mount("/dev");

        assertThat(s.task.listDir("/dev")).contains("fine").doesNotContain("..", "abs", "a", "");
    }

    /** A third-party driver whose nodeName() throws must not spoil /dev for the others. */
    @Test
    void aFaultyDeviceIsSkippedAndTheOthersStillGetNodes() throws Exception {
        dev.cairn.vfs.spi.CharDevice faulty = new dev.cairn.vfs.spi.CharDevice() {
            @Override
            public int major() {
                return 66;
            }

            @Override
            public int minor() {
                return 6;
            }

            @Override
            public String nodeName() {
                throw new IllegalStateException("broken driver");
            }

            @Override
            public dev.cairn.vfs.spi.OpenFile open(dev.cairn.vfs.spi.DeviceOpenContext context, int flags) {
                throw new IllegalStateException("broken driver");
            }
        };
        DevSandbox s = new DevSandbox(faulty, TestDevice.of("null", 1, 3));
        s.mount("/dev");
        s.vfs.registerCharDevice(TestDevice.of("zero", 1, 5));

        assertThat(s.task.listDir("/dev")).contains("shm", "pts", "null", "zero");
    }

    @Test
    void concurrentRegistrationsAllEndUpAsNodes() throws Exception {
        DevSandbox s = new DevSandbox();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int base = t * 25;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < 25; i++) {
                        s.vfs.registerCharDevice(TestDevice.of("c" + (base + i), 60, base + i));
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            th.start();
            threads.add(th);
        }
        go.countDown();
        s.mount("/dev");
        for (Thread th : threads) {
            th.join(10_000);
        }

        assertThat(failures).isEmpty();
        List<String> names = s.task.listDir("/dev");
        for (int i = 0; i < 100; i++) {
            assertThat(names).contains("c" + i);
        }
        assertThat(names).doesNotHaveDuplicates();
    }
}
