package dev.cairn.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.boot.api.MountSpec;
import dev.cairn.boot.api.Sandbox;
import dev.cairn.boot.api.SandboxSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Sandboxes created and closed while a type comes and goes: no event is lost or applied twice. */
class ConcurrencyTest {
    @Test
    void typeEventsRacingSandboxCreationLeaveEverySandboxConsistent() throws Exception {
        Fixture f = new Fixture();
        MemFs proc = new MemFs("proc");
        SandboxSpec spec = new SandboxSpec("c", "tmpfs", "", false,
                List.of(new MountSpec("/proc", "proc", "proc", List.of())));
        f.waitMillis(2000);
        CompletableFuture<Void> toggler = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 40; i++) {
                f.add(proc);
                f.remove(proc);
            }
            f.add(proc);
        });
        for (int i = 0; i < 40; i++) {
            Sandbox s = f.manager.create(new SandboxSpec("c" + i, spec.rootType(), "", false, spec.mounts()));
            if (i % 2 == 0) {
                s.close();
            }
        }
        toggler.get(10, TimeUnit.SECONDS);
        assertThat(f.manager.sandboxes()).hasSize(20);
        for (Sandbox s : f.manager.sandboxes()) {
            assertThat(s.vfs().filesystemTypes()).as(s.id()).containsExactly("devtmpfs", "proc", "tmpfs");
            assertThat(s.pendingMounts()).as(s.id()).isEmpty();
            assertThat(s.mountNamespace().mounts().stream().filter(m -> m.attached() && m.type().equals("proc")))
                    .as(s.id() + ": exactly one proc mount").hasSize(1);
        }
    }
}
