package dev.cairn.vfs.tck;

import static dev.cairn.vfs.OpenFlags.O_RDONLY;
import static dev.cairn.vfs.OpenFlags.O_WRONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.Capability;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.Task;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Permissions of unprivileged tasks (the oracle rows) and of tasks holding single
 * capabilities, which a host python process cannot easily play.
 */
public abstract class PermissionTck extends TckSuite {
    @BeforeEach
    void needsPermissions() {
        assume(TckFeature.PERMISSIONS);
    }

    @TestFactory
    Stream<DynamicTest> permissionsAsOnLinux() {
        return oracleRows("permissions");
    }

    private Task userWith(Capability cap) {
        return task(Credentials.user(1000, 1000).with(cap));
    }

    @Test
    void capDacOverrideReadsAndWritesAnyFile() throws Exception {
        put(root, "/f", "x");
        root.chmod("/f", 0000);
        Task t = userWith(Capability.CAP_DAC_OVERRIDE);
        assertThat(cat(t, "/f")).isEqualTo("x");
        t.close(t.open("/f", O_WRONLY, 0));
    }

    @Test
    void capDacReadSearchReadsButDoesNotWrite() throws Exception {
        root.mkdir("/d", 0700);
        put(root, "/d/f", "x");
        root.chmod("/d/f", 0000);
        Task t = userWith(Capability.CAP_DAC_READ_SEARCH);
        assertThat(cat(t, "/d/f")).isEqualTo("x");
        assertThat(t.listDir("/d")).containsExactly("f");
        assertErrno(Errno.EACCES, () -> t.open("/d/f", O_WRONLY, 0));
    }

    @Test
    void capFownerMayChmodAnotherUsersFile() throws Exception {
        put(root, "/f", "x");
        Task t = userWith(Capability.CAP_FOWNER);
        t.chmod("/f", 0600);
        assertThat(root.stat("/f").permissions()).isEqualTo(0600);
        assertErrno(Errno.EPERM, () -> user(1000, 1000).chmod("/f", 0644));
    }

    @Test
    void capChownMayGiveFilesAway() throws Exception {
        String w = scratch();
        Task owner = userWith(Capability.CAP_CHOWN);
        put(owner, w + "/f", "x");
        owner.chown(w + "/f", 1234, 5678);
        assertThat(root.stat(w + "/f").uid()).isEqualTo(1234);
        assertThat(root.stat(w + "/f").gid()).isEqualTo(5678);
    }

    @Test
    void withoutCapabilitiesUidZeroIsJustAnotherUser() throws Exception {
        put(root, "/f", "x");
        root.chmod("/f", 0000);
        root.chown("/f", 1000, 1000);
        Task plainZero = task(new Credentials(0, 0, new int[0], java.util.Set.of()));
        assertErrno(Errno.EACCES, () -> plainZero.open("/f", O_RDONLY, 0));
    }

    @Test
    void credentialsChangedOnATaskApplyToItsNextCall() throws Exception {
        root.mkdir("/d", 0700);
        Task t = task(Credentials.root());
        t.stat("/d/.");
        t.setCredentials(Credentials.user(1000, 1000));
        assertErrno(Errno.EACCES, () -> t.stat("/d/."));
    }

    @Test
    void stickyDirectoryProtectsSubdirectoriesToo() throws Exception {
        root.mkdir("/t", 0777);
        root.chmod("/t", 01777);
        Task a = user(1000, 1000);
        Task b = user(1001, 1001);
        a.mkdir("/t/d", 0777);
        assertErrno(Errno.EPERM, () -> b.rmdir("/t/d"));
        assertErrno(Errno.EPERM, () -> b.rename("/t/d", "/t/e"));
        a.rmdir("/t/d");
    }
}
