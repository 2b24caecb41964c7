package dev.cairn.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.boot.api.FileAccess;
import dev.cairn.boot.api.FileAccessSettings;
import dev.cairn.boot.api.MountSpec;
import dev.cairn.boot.api.SandboxSpec;
import dev.cairn.fs.gofer.api.GoferConnection;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountFlags;
import dev.cairn.vfs.MountRequest;
import java.nio.channels.ByteChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How boot assigns gofer connections and builds 9p mount data (no server needed). */
class GoferPlanTest {
    private static MountSpec bind(String dest, String source, String... options) {
        return new MountSpec(dest, "bind", source, List.of(options));
    }

    private static PlannedMount at(SpecPlanner.Plan p, String dest) {
        return p.submounts().stream().filter(m -> m.destination().equals(dest)).findFirst().orElseThrow();
    }

    @Test
    void rootTakesTheFirstConnectionThenBindsInSpecOrderBeforeSorting() throws Exception {
        SandboxSpec spec = SandboxSpec.goferRoot("g", "/srv/root", false, List.of(
                bind("/very/deep/first", "/h/a"),
                new MountSpec("/proc", "proc", "proc", List.of()),
                new MountSpec("/x", "tmpfs", "none", List.of("bind")),
                bind("/b", "/h/b")));
        SpecPlanner.Plan p = SpecPlanner.plan(spec, 4);
        assertThat(p.root().type()).isEqualTo("9p");
        assertThat(p.root().source()).isEqualTo("/srv/root");
        assertThat(p.root().connection()).isZero();
        assertThat(p.root().data()).isEqualTo("trans=fd,rfdno=0,wfdno=0");
        assertThat(at(p, "/very/deep/first").connection()).isEqualTo(1);
        assertThat(at(p, "/x").connection()).isEqualTo(2);
        assertThat(at(p, "/b").connection()).isEqualTo(3);
        assertThat(p.submounts()).extracting(PlannedMount::destination)
                .containsExactly("/x", "/b", "/dev", "/proc", "/very/deep/first");
        assertThat(p.neededTypes()).contains("9p", "proc", "devtmpfs", "tmpfs");
    }

    @Test
    void bindMountsAreSharedByDefaultAndForwardOnlyFlags() throws Exception {
        SandboxSpec spec = new SandboxSpec("t", "tmpfs", "", false,
                List.of(bind("/data", "/h/data", "rbind", "ro", "noexec", "mode=0700", "rprivate")));
        PlannedMount m = at(SpecPlanner.plan(spec, 1), "/data");
        assertThat(m.type()).isEqualTo("9p");
        assertThat(m.source()).isEqualTo("/h/data");
        assertThat(m.data()).isEqualTo("trans=fd,rfdno=0,wfdno=0,cache=remote_revalidating");
        assertThat(m.flags()).isEqualTo(MountFlags.MS_RDONLY | MountFlags.MS_NOEXEC);
    }

    @Test
    void fileAccessSettingsChooseTheCacheModes() throws Exception {
        SandboxSpec spec = SandboxSpec.goferRoot("a", "/r", true, List.of(bind("/m", "/h")))
                .withFileAccess(new FileAccessSettings(FileAccess.SHARED, FileAccess.EXCLUSIVE));
        SpecPlanner.Plan p = SpecPlanner.plan(spec, 2);
        assertThat(p.root().data()).isEqualTo("trans=fd,rfdno=0,wfdno=0,cache=remote_revalidating");
        assertThat(p.root().readOnly()).isTrue();
        assertThat(at(p, "/m").data()).isEqualTo("trans=fd,rfdno=1,wfdno=1");
    }

    @Test
    void rootOptionsAreAppendedButMayNotOverrideTheConnection() throws Exception {
        SandboxSpec ok = new SandboxSpec("o", "9p", "msize=65536", false, List.of(), "/r", null);
        assertThat(SpecPlanner.plan(ok, 1).root().data()).isEqualTo("trans=fd,rfdno=0,wfdno=0,msize=65536");
        for (String bad : List.of("trans=tcp", "rfdno=3", "cache=fscache", "msize=8192,wfdno=1")) {
            SandboxSpec spec = new SandboxSpec("o", "9p", bad, false, List.of(), "/r", null);
            assertThatThrownBy(() -> SpecPlanner.plan(spec, 1)).isInstanceOf(ErrnoException.class)
                    .hasMessageContaining("rootOptions").hasMessageContaining("is set by boot for a 9p root")
                    .extracting(e -> ((ErrnoException) e).errno()).isEqualTo(Errno.EINVAL);
        }
    }

    @Test
    void tooFewConnectionsNameTheMountThatHasNone() {
        SandboxSpec spec = SandboxSpec.goferRoot("f", "/r", false, List.of(bind("/one", "/h1"), bind("/two", "/h2")));
        assertThatThrownBy(() -> SpecPlanner.plan(spec, 2))
                .hasMessageContaining("mounts[1]").hasMessageContaining("/two")
                .hasMessageContaining("9P mount requires a connection")
                .extracting(e -> ((ErrnoException) e).errno()).isEqualTo(Errno.EINVAL);
        assertThatThrownBy(() -> SpecPlanner.plan(spec, 0))
                .hasMessageContaining("root (9p /r)").hasMessageContaining("9P mount requires a connection");
    }

    @Test
    void leftOverConnectionsAreAnError() {
        SandboxSpec spec = new SandboxSpec("l", "tmpfs", "", false, List.of(bind("/one", "/h1")));
        assertThatThrownBy(() -> SpecPlanner.plan(spec, 3))
                .hasMessageContaining("not all gofer connections were consumed (2 of 3 left)")
                .extracting(e -> ((ErrnoException) e).errno()).isEqualTo(Errno.EINVAL);
        assertThatThrownBy(() -> SpecPlanner.plan(SandboxSpec.defaults("d"), 1))
                .hasMessageContaining("not all gofer connections were consumed");
    }

    @Test
    void skippedTypesConsumeNoConnection() throws Exception {
        SandboxSpec spec = new SandboxSpec("s", "tmpfs", "", false, List.of(
                new MountSpec("/sys/fs/cgroup", "cgroup", "cgroup", List.of()), bind("/m", "/h")));
        assertThat(at(SpecPlanner.plan(spec, 1), "/m").connection()).isZero();
    }

    @Test
    void gofersMountRequestCarriesItsConnectionAndUniqueIdUnderFsGofersKeys() throws Exception {
        assertThat(Gofer.CONNECTION_KEY).isEqualTo(GoferConnection.INTERNAL_DATA_KEY);
        ByteChannel ch = new ByteChannel() {
            @Override
            public int read(java.nio.ByteBuffer dst) {
                return -1;
            }

            @Override
            public int write(java.nio.ByteBuffer src) {
                return 0;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        SandboxSpec spec = new SandboxSpec("k", "tmpfs", "", false, List.of(bind("/m", "/h")));
        MountRequest r = at(SpecPlanner.plan(spec, 1), "/m").request(List.of(ch));
        assertThat(r.internal()).isTrue();
        assertThat(r.internalData()).containsEntry(GoferConnection.INTERNAL_DATA_KEY, ch)
                .containsEntry(Gofer.UNIQUE_ID_KEY, "/m");
        assertThat(r.data().raw()).isEqualTo("trans=fd,rfdno=0,wfdno=0,cache=remote_revalidating");
    }

    @Test
    void goferSourcesListExactlyTheConnectionsThePlanConsumesInOrder() throws Exception {
        List<SandboxSpec> specs = List.of(
                SandboxSpec.goferRoot("a", "/host/root", false, List.of(
                        bind("/z/deep", "/h1"), new MountSpec("/t", "tmpfs", "none", List.of("rbind")),
                        bind("/dev", "/hostdev"), bind("/dev//pts/", "/hostpts"), bind("/dev/../dev/./", "/d2"),
                        new MountSpec("/p", "proc", "proc", List.of()), bind("/b", "/h2"))),
                new SandboxSpec("b", "tmpfs", "", false, List.of(bind("/x/../y", "/h3"))),
                SandboxSpec.defaults("c"));
        assertThat(specs.get(0).goferSources()).containsExactly("/host/root", "/h1", "none", "/h2");
        assertThat(specs.get(1).goferSources()).containsExactly("/h3");
        assertThat(specs.get(2).goferSources()).isEmpty();
        for (SandboxSpec spec : specs) {
            int n = spec.goferSources().size();
            SpecPlanner.Plan p = SpecPlanner.plan(spec, n);
            List<PlannedMount> all = new java.util.ArrayList<>(p.submounts());
            all.add(p.root());
            assertThat(all.stream().filter(PlannedMount::usesConnection)
                    .sorted(java.util.Comparator.comparingInt(PlannedMount::connection)).map(PlannedMount::source))
                    .containsExactlyElementsOf(spec.goferSources());
            assertThatThrownBy(() -> SpecPlanner.plan(spec, n + 1)).hasMessageContaining("not all gofer connections");
            if (n > 0) {
                assertThatThrownBy(() -> SpecPlanner.plan(spec, n - 1))
                        .hasMessageContaining("9P mount requires a connection");
            }
        }
    }
}
