package dev.cairn.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.boot.api.MountSpec;
import dev.cairn.boot.api.SandboxSpec;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountFlags;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecPlannerTest {
    private static SpecPlanner.Plan plan(MountSpec... mounts) throws ErrnoException {
        return SpecPlanner.plan(new SandboxSpec("s", "tmpfs", "", false, List.of(mounts)));
    }

    private static MountSpec m(String dest, String type, String... options) {
        return new MountSpec(dest, type, "none", List.of(options));
    }

    private static List<String> order(SpecPlanner.Plan p) {
        return p.submounts().stream().map(PlannedMount::describe).toList();
    }

    @Test
    void submountsAreSortedByLengthKeepingSpecOrderOnTies() throws Exception {
        SpecPlanner.Plan p = plan(m("/a/bb", "tmpfs"), m("/zz", "proc"), m("/yy", "sysfs"), m("/x", "tmpfs"),
                m("/dev", "devtmpfs"), m("/ww", "tmpfs"));
        assertThat(order(p)).containsExactly("tmpfs on /x", "proc on /zz", "sysfs on /yy", "tmpfs on /ww",
                "devtmpfs on /dev", "tmpfs on /a/bb");
    }

    @Test
    void devIsAddedWhenAbsentAndForcedToDevtmpfs() throws Exception {
        assertThat(order(plan())).containsExactly("devtmpfs on /dev");
        assertThat(order(plan(m("/dev/", "tmpfs", "mode=0755")))).containsExactly("devtmpfs on /dev");
        assertThat(plan(m("/dev", "tmpfs", "mode=0755")).submounts().get(0).data()).isEmpty();
        assertThat(order(plan(m("/dev/pts", "tmpfs")))).containsExactly("devtmpfs on /dev", "devpts on /dev/pts");
    }

    @Test
    void tmpfsKeepsOnlyModeUidGidAndSize() throws Exception {
        PlannedMount t = plan(m("/t", "tmpfs", "mode=0700", "nr_inodes=5", "uid=1", "ro", "gid=2", "size=1m", "x"))
                .submounts().get(0);
        assertThat(t.data()).isEqualTo("mode=0700,uid=1,gid=2,size=1m");
        assertThat(t.flags()).isEqualTo(MountFlags.MS_RDONLY);
    }

    @Test
    void tmpfsOptionWithTwoEqualsSignsIsEinvalNamingIt() {
        assertThatThrownBy(() -> plan(m("/t", "tmpfs", "mode=07=7")))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL))
                .hasMessageContaining("mode=07=7").hasMessageContaining("mounts[0]");
    }

    @Test
    void flagOptionsBecomeMountFlagsAndLaterRwWins() throws Exception {
        PlannedMount p = plan(m("/p", "proc", "ro", "noexec", "nosuid", "nodev", "noatime", "rw", "relatime"))
                .submounts().get(0);
        assertThat(p.flags()).isEqualTo(MountFlags.MS_NOEXEC | MountFlags.MS_NOSUID | MountFlags.MS_NODEV
                | MountFlags.MS_NOATIME);
        assertThat(p.data()).isEmpty();
    }

    @Test
    void noneIsSysfsAndUnknownTypesAreSkipped() throws Exception {
        assertThat(order(plan(m("/sys", "none"), m("/cg", "cgroup"), m("/h", "hello"))))
                .containsExactly("devtmpfs on /dev", "sysfs on /sys");
    }

    @Test
    void bindMountsNeedAConnection() {
        assertThatThrownBy(() -> plan(m("/data", "bind")))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL))
                .hasMessageContaining("9P mount requires a connection").hasMessageContaining("/data");
        assertThatThrownBy(() -> plan(m("/data", "tmpfs", "rbind")))
                .hasMessageContaining("9P mount requires a connection");
    }

    @Test
    void destinationsAreCleanedAndTmpIsComparedCleaned() throws Exception {
        SpecPlanner.Plan p = plan(m("//tmp/./", "tmpfs"), m("/a/../b//c/", "proc"));
        assertThat(p.explicitTmp()).isTrue();
        assertThat(order(p)).as("the added /dev comes first among equal lengths")
                .containsExactly("devtmpfs on /dev", "tmpfs on /tmp", "proc on /b/c");
        assertThat(p.neededTypes()).containsExactly("tmpfs", "devtmpfs", "proc");
        assertThat(plan(m("/tmpx", "proc")).explicitTmp()).isFalse();
    }

    @Test
    void malformedSpecsAreEinvalNamingTheField() {
        assertThatThrownBy(() -> plan(m("rel/path", "tmpfs"))).isInstanceOf(ErrnoException.class)
                .hasMessageContaining("mounts[0].destination").hasMessageContaining("rel/path");
        assertThatThrownBy(() -> plan(m(null, "tmpfs"))).hasMessageContaining("mounts[0].destination");
        assertThatThrownBy(() -> SpecPlanner.plan(new SandboxSpec("", "tmpfs", "", false, List.of())))
                .hasMessageContaining("id is empty");
        assertThatThrownBy(() -> SpecPlanner.plan(new SandboxSpec("s", " ", "", false, List.of())))
                .hasMessageContaining("rootType");
        assertThatThrownBy(() -> SpecPlanner.plan(null)).isInstanceOf(ErrnoException.class);
    }

    @Test
    void readOnlyRootIsPlannedReadOnly() throws Exception {
        SpecPlanner.Plan p = SpecPlanner.plan(new SandboxSpec("s", "tmpfs", "mode=0755", true, List.of()));
        assertThat(p.root().readOnly()).isTrue();
        assertThat(p.root().data()).isEqualTo("mode=0755");
        assertThat(p.neededTypes()).containsExactly("tmpfs", "devtmpfs");
    }

    @Test
    void pathsCleanLikeGo() {
        assertThat(Paths.clean("/")).isEqualTo("/");
        assertThat(Paths.clean("/..")).isEqualTo("/");
        assertThat(Paths.clean("/a//b/./../c/")).isEqualTo("/a/c");
    }
}
