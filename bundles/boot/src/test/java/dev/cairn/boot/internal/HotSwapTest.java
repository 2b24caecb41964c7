package dev.cairn.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.boot.api.MountSpec;
import dev.cairn.boot.api.Sandbox;
import dev.cairn.boot.api.SandboxSpec;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.Mount;
import dev.cairn.vfs.Task;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HotSwapTest {
    private final Fixture f = new Fixture();

    private static List<String> mountPoints(Sandbox s) {
        return s.mountNamespace().mounts().stream().filter(Mount::attached)
                .map(m -> (m.mountPoint().isEmpty() ? "/" : m.mountPoint()) + " " + m.type()).toList();
    }

    @Test
    void aDepartingTypeIsDetachedAndPendingWhileTheRootKeepsServing() throws Exception {
        MemFs proc = new MemFs("proc");
        f.add(proc);
        Sandbox s = f.manager.create(new SandboxSpec("hs", "tmpfs", "", false, List.of(
                new MountSpec("/tmp/", "tmpfs", "none", List.of("mode=0700")),
                new MountSpec("/tmp/proc", "proc", "proc", List.of()),
                new MountSpec("/proc", "proc", "proc", List.of()))));
        Task t = s.newTask(Credentials.root());
        t.writeFile("/tmp/x", "data".getBytes(StandardCharsets.UTF_8));
        t.mkdir("/mnt", 0755);
        t.mount("none", "/mnt", "tmpfs", 0, "");

        f.remove(f.tmpfs);
        assertThat(s.pendingMounts()).containsExactly("tmpfs on /tmp", "proc on /tmp/proc");
        assertThat(mountPoints(s)).containsExactly("/ tmpfs", "/dev devtmpfs", "/proc proc");
        assertThat(s.vfs().filesystemTypes()).doesNotContain("tmpfs");
        t.writeFile("/root-file", "still here".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(t.readFile("/root-file"), StandardCharsets.UTF_8)).isEqualTo("still here");
        try {
            t.mount("none", "/mnt", "tmpfs", 0, "");
            throw new AssertionError("mounting a departed type must fail");
        } catch (ErrnoException e) {
            assertThat(e.errno()).isEqualTo(Errno.ENODEV);
        }

        MemFs back = new MemFs("tmpfs");
        f.add(back);
        assertThat(s.pendingMounts()).isEmpty();
        assertThat(back.mounts).extracting(o -> o.raw()).containsExactly("mode=0700");
        assertThat(mountPoints(s)).containsExactly("/ tmpfs", "/dev devtmpfs", "/proc proc", "/tmp tmpfs",
                "/tmp/proc proc");
        assertThat(t.stat("/tmp").permissions()).isEqualTo(0700);
    }

    @Test
    void aPendingMountUnderAMissingTypeWaitsForBoth() throws Exception {
        MemFs proc = new MemFs("proc");
        f.add(proc);
        Sandbox s = f.manager.create(new SandboxSpec("hs2", "tmpfs", "", false, List.of(
                new MountSpec("/tmp", "tmpfs", "none", List.of()),
                new MountSpec("/tmp/p", "proc", "proc", List.of()))));
        f.remove(f.tmpfs);
        f.remove(proc);
        assertThat(s.pendingMounts()).containsExactly("tmpfs on /tmp", "proc on /tmp/p");
        f.add(proc);
        assertThat(s.pendingMounts()).as("its parent is still pending").containsExactly("tmpfs on /tmp", "proc on /tmp/p");
        f.add(new MemFs("tmpfs"));
        assertThat(s.pendingMounts()).isEmpty();
    }

    @Test
    void readOnlySpecMountsComeBackReadOnly() throws Exception {
        Sandbox s = f.manager.create(new SandboxSpec("ro", "tmpfs", "", true, List.of(
                new MountSpec("/data", "tmpfs", "none", List.of("ro")))));
        f.remove(f.tmpfs);
        assertThat(s.pendingMounts()).containsExactly("tmpfs on /data", "tmpfs on /tmp");
        f.add(new MemFs("tmpfs"));
        assertThat(s.pendingMounts()).isEmpty();
        Mount data = s.mountNamespace().mounts().stream().filter(m -> m.mountPoint().equals("/data")
                && m.attached()).findFirst().orElseThrow();
        assertThat(data.readOnly()).isTrue();
        assertThat(s.mountNamespace().root().readOnly()).isTrue();
    }

    @Test
    void devicesLeaveAndReturnInEverySandbox() throws Exception {
        TestDevice zero = new TestDevice(1, 5, "zero");
        f.add(zero);
        Sandbox a = f.manager.create(SandboxSpec.defaults("a"));
        Sandbox b = f.manager.create(SandboxSpec.defaults("b"));
        assertThat(a.vfs().charDevice(1, 5)).containsSame(zero);
        f.remove(zero);
        assertThat(a.vfs().charDevice(1, 5)).isEmpty();
        assertThat(b.vfs().charDevice(1, 5)).isEmpty();
        TestDevice again = new TestDevice(1, 5, "zero");
        f.add(again);
        assertThat(b.vfs().charDevice(1, 5)).containsSame(again);
    }

    @Test
    void aSecondDeviceWithTheSameNumberIsIgnoredUntilTheFirstLeaves() throws Exception {
        TestDevice first = new TestDevice(1, 3, "null");
        TestDevice second = new TestDevice(1, 3, "null2");
        f.add(first);
        f.add(second);
        Sandbox s = f.manager.create(SandboxSpec.defaults("dd"));
        assertThat(s.vfs().charDevices()).containsExactly(first);
        f.remove(first);
        assertThat(s.vfs().charDevices()).containsExactly(second);
    }

    @Test
    void typesAddedAfterCreationReachRunningSandboxes() throws Exception {
        Sandbox s = f.manager.create(SandboxSpec.defaults("late"));
        f.add(new MemFs("hello"));
        assertThat(s.vfs().filesystemTypes()).contains("hello");
        assertThat(s.vfs().filesystemsText()).contains("nodev\thello\n");
    }
}
