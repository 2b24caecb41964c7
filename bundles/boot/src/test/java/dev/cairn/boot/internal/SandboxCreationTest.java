package dev.cairn.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.boot.api.MountSpec;
import dev.cairn.boot.api.Sandbox;
import dev.cairn.boot.api.SandboxSpec;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.Mount;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SandboxCreationTest {
    private final Fixture f = new Fixture();

    private static List<String> mountPoints(Sandbox s) {
        return s.mountNamespace().mounts().stream()
                .map(m -> (m.mountPoint().isEmpty() ? "/" : m.mountPoint()) + " " + m.type()).toList();
    }

    private static Errno errno(ThrowingCall c) {
        try {
            c.run();
        } catch (ErrnoException e) {
            return e.errno();
        }
        return null;
    }

    interface ThrowingCall {
        void run() throws ErrnoException;
    }

    @Test
    void defaultSandboxHasTmpfsRootDevAndTmp() throws Exception {
        Sandbox s = f.manager.create(SandboxSpec.defaults("d"));
        assertThat(mountPoints(s)).containsExactly("/ tmpfs", "/dev devtmpfs", "/tmp tmpfs");
        assertThat(f.tmpfs.mounts.get(0).raw()).isEqualTo("mode=0755");
        assertThat(f.tmpfs.lastData()).isEqualTo("mode=01777");
        assertThat(s.newTask(Credentials.root()).stat("/tmp").permissions()).isEqualTo(01777);
        assertThat(s.pendingMounts()).isEmpty();
        assertThat(f.manager.sandboxes()).containsExactly(s);
        assertThat(f.manager.sandbox("d")).contains(s);
    }

    @Test
    void typesAreRegisteredByPolicyAndThirdPartyIsListOnly() throws Exception {
        f.add(new MemFs("devpts"));
        f.add(new MemFs("hello"));
        Sandbox s = f.manager.create(SandboxSpec.defaults("p"));
        assertThat(s.vfs().filesystemsText())
                .isEqualTo("nodev\tdevpts\nnodev\tdevtmpfs\nnodev\thello\nnodev\ttmpfs\n");
        assertThat(s.vfs().typePolicy("hello")).contains(TypePolicy.LIST_ONLY);
        assertThat(s.vfs().typePolicy("devpts")).contains(new TypePolicy(false, true, false));
        Task root = s.newTask(Credentials.root());
        root.mkdir("/mnt", 0755);
        assertThat(errno(() -> root.mount("none", "/mnt", "hello", 0, ""))).isEqualTo(Errno.ENODEV);
        assertThat(errno(() -> root.mount("none", "/mnt", "devpts", 0, ""))).isEqualTo(Errno.ENODEV);
        Task user = s.newTask(Credentials.user(1000, 1000));
        assertThat(errno(() -> user.mount("none", "/mnt", "tmpfs", 0, ""))).isEqualTo(Errno.EPERM);
        root.mount("none", "/mnt", "tmpfs", 0, "");
    }

    @Test
    void policyChangesApplyLiveToRunningSandboxes() throws Exception {
        f.add(new MemFs("hello"));
        Sandbox s = f.manager.create(SandboxSpec.defaults("live"));
        Task root = s.newTask(Credentials.root());
        root.mkdir("/mnt", 0755);
        f.manager.applySettings(new PolicySettings(java.util.Set.of("hello"), java.util.Set.of(),
                java.util.Set.of("devtmpfs"), java.util.Set.of(), 100));
        root.mount("none", "/mnt", "hello", 0, "");
        assertThat(s.vfs().filesystemsText()).isEqualTo("nodev\thello\nnodev\ttmpfs\n");
    }

    @Test
    void secondTypeOfOneNameIsIgnoredAndTakesOverWhenTheFirstLeaves() throws Exception {
        MemFs second = new MemFs("tmpfs");
        f.add(second);
        Sandbox s = f.manager.create(SandboxSpec.defaults("dup"));
        assertThat(second.mounts).isEmpty();
        f.remove(f.tmpfs);
        assertThat(s.pendingMounts()).isEmpty();
        assertThat(second.mounts).hasSize(1).first().extracting(o -> o.raw()).isEqualTo("mode=01777");
    }

    @Test
    void missingTypesAreEnodevNamingThemAfterTheWait() {
        long start = System.nanoTime();
        SandboxSpec spec = new SandboxSpec("m", "tmpfs", "", false,
                List.of(new MountSpec("/proc", "proc", "proc", List.of()), new MountSpec("/sys", "none", "", List.of())));
        assertThatThrownBy(() -> f.manager.create(spec))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENODEV))
                .hasMessageContaining("sysfs, proc");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(200);
        assertThat(f.manager.sandboxes()).isEmpty();
    }

    @Test
    void aTypeArrivingDuringTheWaitIsUsed() throws Exception {
        f.waitMillis(5000);
        SandboxSpec spec = new SandboxSpec("w", "tmpfs", "", false, List.of(new MountSpec("/proc", "proc", "proc", List.of())));
        CompletableFuture<Sandbox> created = CompletableFuture.supplyAsync(() -> {
            try {
                return f.manager.create(spec);
            } catch (ErrnoException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        f.add(new MemFs("proc"));
        assertThat(mountPoints(created.get(5, TimeUnit.SECONDS))).contains("/proc proc");
    }

    @Test
    void duplicateIdIsEexistAndClosedIdsCanBeReused() throws Exception {
        Sandbox s = f.manager.create(SandboxSpec.defaults("x"));
        assertThat(errno(() -> f.manager.create(SandboxSpec.defaults("x")))).isEqualTo(Errno.EEXIST);
        s.close();
        assertThat(f.manager.sandboxes()).isEmpty();
        assertThat(s.pendingMounts()).isEmpty();
        f.manager.create(SandboxSpec.defaults("x"));
    }

    @Test
    void readOnlyRootIsWritableDuringSetupAndReadOnlyAfter() throws Exception {
        SandboxSpec spec = new SandboxSpec("ro", "tmpfs", "", true,
                List.of(new MountSpec("/a/b/c", "tmpfs", "none", List.of("ro", "mode=0700"))));
        Sandbox s = f.manager.create(spec);
        Mount root = s.mountNamespace().root();
        assertThat(root.readOnly()).isTrue();
        assertThat(mountPoints(s)).as("/tmp comes after the submounts")
                .containsExactly("/ tmpfs", "/dev devtmpfs", "/a/b/c tmpfs", "/tmp tmpfs");
        Mount abc = s.mountNamespace().mounts().get(2);
        assertThat(abc.readOnly()).isTrue();
        Task t = s.newTask(Credentials.root());
        assertThat(errno(() -> t.mkdir("/x", 0755))).isEqualTo(Errno.EROFS);
        assertThat(errno(() -> t.mkdir("/a/b/c/x", 0755))).isEqualTo(Errno.EROFS);
        t.mkdir("/tmp/x", 0755);
    }

    @Test
    void tmpIsLeftAloneWhenExplicitOrNotEmpty() throws Exception {
        Sandbox explicit = f.manager.create(new SandboxSpec("e", "tmpfs", "", false,
                List.of(new MountSpec("/tmp/", "tmpfs", "none", List.of("mode=0700")))));
        assertThat(mountPoints(explicit)).containsExactly("/ tmpfs", "/dev devtmpfs", "/tmp tmpfs");
        assertThat(f.tmpfs.lastData()).isEqualTo("mode=0700");

        Sandbox nonEmpty = f.manager.create(new SandboxSpec("n", "tmpfs", "", false,
                List.of(new MountSpec("/tmp/cache", "tmpfs", "none", List.of()))));
        assertThat(mountPoints(nonEmpty)).containsExactly("/ tmpfs", "/dev devtmpfs", "/tmp/cache tmpfs");
    }

    @Test
    void aRootTheTypeRejectsFailsCreationNamingTheSandboxAndOption() {
        SandboxSpec rejected = new SandboxSpec("r", "tmpfs", "reject", false, List.of());
        assertThatThrownBy(() -> f.manager.create(rejected))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL))
                .hasMessageContaining("sandbox r").hasMessageContaining("reject");
        assertThat(f.manager.sandboxes()).isEmpty();
    }

    @Test
    void rootServesFiles() throws Exception {
        Sandbox s = f.manager.create(SandboxSpec.defaults("io"));
        Task t = s.newTask(Credentials.root());
        t.writeFile("/hello", "hi".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(t.readFile("/hello"), StandardCharsets.UTF_8)).isEqualTo("hi");
    }
}
