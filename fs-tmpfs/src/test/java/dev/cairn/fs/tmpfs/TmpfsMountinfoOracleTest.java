package dev.cairn.fs.tmpfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Mount;
import dev.cairn.vfs.MountRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mounts a host tmpfs with the same options and compares the super options of
 * /proc/self/mountinfo with Cairn's. Skips when mount (root) is not available. Options with
 * '%' are left out: Cairn's "RAM" is capped at the JVM heap.
 */
class TmpfsMountinfoOracleTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "size=10m,nr_inodes=1k,mode=1777,uid=5,gid=6", "mode=755", "mode=0",
            "gid=7,uid=5,mode=700,nr_inodes=5,size=3", "size=4097", "size=1g,size=2m", "nr_inodes=010",
            "size=0x10", "huge=always", "huge=within_size,noswap", "inode64", "inode32", "mpol=local", "mpol=prefer", "mpol=prefer:0", "mpol=bind:0",
            "mpol=interleave", "mpol=interleave=static:0", "mpol=default",
            "size=0", "nr_inodes=0", "uid=4294967294"})
    void superOptionsMatchTheHost(String options) throws Exception {
        String host = hostSuperOptions(options);
        TmpfsFixture f = TmpfsFixture.mount("");
        Mount m = f.vfs.mountDisconnected(Credentials.root(), MountRequest.internal("none", "tmpfs", 0, options));
        String cairn = m.filesystem().superOptions();
        assertThat(cairn.isEmpty() ? "rw" : "rw," + cairn).as("options \"%s\"", options).isEqualTo(host);
    }

    private static String hostSuperOptions(String options) throws Exception {
        Path dir = Files.createTempDirectory("tmpfs-mountinfo");
        List<String> cmd = options.isEmpty()
                ? List.of("mount", "-t", "tmpfs", "none", dir.toString())
                : List.of("mount", "-t", "tmpfs", "-o", options, "none", dir.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean ok = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        try {
            assumeTrue(ok, "cannot mount a host tmpfs (needs root and mount(8))");
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                if (f.length > 4 && f[4].equals(dir.toString())) {
                    return f[f.length - 1];
                }
            }
            throw new AssertionError("host mount not found in mountinfo");
        } finally {
            if (ok) {
                new ProcessBuilder("umount", dir.toString()).start().waitFor(20, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(dir);
        }
    }
}
