package dev.cairn.fs.gofer.client;

import static dev.cairn.fs.gofer.client.NinePFilesystemTest.assertErrno;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.fs.gofer.api.ConnectionDispenser;
import dev.cairn.fs.gofer.api.GoferConnection;
import dev.cairn.fs.gofer.api.GoferLauncher;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A sandbox's mounts as boot makes them: root and a bind mount over one gofer process. */
@Timeout(60)
class GoferLauncherTest {
    @TempDir
    Path tmp;

    private static MountRequest mount(GoferConnection c, String extra) {
        return MountRequest.internal("none", "9p", 0, c.mountData() + extra)
                .withInternalData(GoferConnection.INTERNAL_DATA_KEY, c);
    }

    @Test
    void rootAndBindMountComeFromOneGoferProcessInOrder() throws Exception {
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(rootfs.resolve("etc-hostname"), "sandbox");
        Files.writeString(data.resolve("shared"), "volume");
        List<GoferLauncher.Export> exports = List.of(new GoferLauncher.Export(rootfs, false),
                new GoferLauncher.Export(data, true));
        try (GoferLauncher.Running g = GoferLauncher.start(
                GoferLauncher.javaCommand(System.getProperty("java.class.path")), exports, Duration.ofSeconds(20))) {
            VirtualFilesystem vfs = VirtualFilesystem.create("sandbox");
            vfs.registerFilesystemType("9p", new NinePFilesystemType(), TypePolicy.LIST_ONLY);
            ConnectionDispenser d = g.dispenser();
            var ns = vfs.newMountNamespace(Credentials.root(), mount(d.next(), ""));
            Task t = vfs.newTask(Credentials.root(), ns);
            t.mkdir("/data", 0755);
            vfs.mountAt(Credentials.root(), ns, "/data", mount(d.next(), ",cache=remote_revalidating"));
            d.checkAllConsumed();
            assertThatThrownBy(d::next).isInstanceOf(ErrnoException.class)
                    .hasMessageContaining("9P mount requires a connection");
            assertThat(new String(t.readFile("/etc-hostname"), StandardCharsets.UTF_8)).isEqualTo("sandbox");
            assertThat(new String(t.readFile("/data/shared"), StandardCharsets.UTF_8)).isEqualTo("volume");
            assertErrno(Errno.EROFS, () -> t.writeFile("/data/new", new byte[1]));
            assertThat(Files.isDirectory(rootfs.resolve("data"))).isTrue();
            try (var left = Files.list(tmp)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("rootfs", "data");
            }
            g.process().destroyForcibly();
            assertThat(g.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
            assertErrno(Errno.EIO, () -> t.readFile("/data/shared"));
            // the exclusive root still answers stat from its cache, but anything needing the server fails
            assertErrno(Errno.EIO, () -> t.readFile("/etc-hostname"));
        }
    }

    @Test
    void aGoferThatCannotStartIsReported() {
        assertThatThrownBy(() -> GoferLauncher.start(GoferLauncher.javaCommand(System.getProperty("java.class.path")),
                List.of(new GoferLauncher.Export(tmp.resolve("missing"), false)), Duration.ofSeconds(20)))
                .isInstanceOf(IOException.class).hasMessageContaining("exited before listening");
    }
}
