package dev.cairn.vfs.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.MountFlags;
import dev.cairn.vfs.Task;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountInfoTest extends VfsTestBase {
    @TempDir
    Path tmp;

    private void layout() throws Exception {
        root.mkdir("/m x", 0755);
        root.mount("a\\b", "/m x", MemFs.TYPE, MountFlags.MS_RDONLY | MountFlags.MS_NOSUID | MountFlags.MS_NODEV
                | MountFlags.MS_NOEXEC | MountFlags.MS_NOATIME, "mode=700");
        root.mkdir("/src", 0755);
        root.mkdir("/src/sub", 0755);
        root.mkdir("/b\tc", 0755);
        root.mount("/src/sub", "/b\tc", null, MountFlags.MS_BIND, null);
    }

    @Test
    void mountinfoLinesHaveLinuxFieldsAndEscapes() throws Exception {
        layout();
        String[] lines = vfs.mountInfo(root).split("\n");
        assertThat(lines).hasSize(3);
        int rootDev = root.stat("/").devMinor();
        assertThat(lines[0]).matches("\\d+ \\d+ 0:" + rootDev + " / / rw,relatime - memfs root rw,mode=755");
        assertThat(lines[1]).matches("\\d+ \\d+ 0:\\d+ / /m\\\\040x ro,nosuid,nodev,noexec,noatime - memfs a\\\\134b ro,mode=700");
        assertThat(lines[2]).matches("\\d+ \\d+ 0:" + rootDev + " /src/sub /b\\\\011c rw,relatime - memfs root rw,mode=755");
        String[] first = lines[0].split(" ");
        String[] second = lines[1].split(" ");
        assertThat(second[1]).isEqualTo(first[0]);
        assertThat(vfs.mounts(root).split("\n")).containsExactly(
                "root / memfs rw,relatime,mode=755 0 0",
                "a\\134b /m\\040x memfs ro,nosuid,nodev,noexec,noatime,mode=700 0 0",
                "root /b\\011c memfs rw,relatime,mode=755 0 0");
    }

    @Test
    void onlyMountsBelowTheTaskRootAreListedRelativeToIt() throws Exception {
        root.mkdir("/jail", 0755);
        root.mkdir("/jail/proc", 0755);
        root.mkdir("/elsewhere", 0755);
        root.mount("p", "/jail/proc", MemFs.TYPE, 0, "");
        root.mount("e", "/elsewhere", MemFs.TYPE, 0, "");
        Task t = vfs.newTask(Credentials.root(), ns);
        t.chroot("/jail");
        assertThat(vfs.mountInfo(t).split("\n")).hasSize(1);
        assertThat(vfs.mountInfo(t)).contains(" / /proc rw,relatime - memfs p ");
        assertThat(vfs.mounts(t)).isEqualTo("p /proc memfs rw,relatime,mode=755 0 0\n");
    }

    @Test
    void findmntParsesTheMountinfoBack() throws Exception {
        Path findmnt = Path.of("/usr/bin/findmnt");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(findmnt), "findmnt not installed");
        layout();
        Path f = tmp.resolve("mountinfo");
        Files.writeString(f, vfs.mountInfo(root));
        Process p = new ProcessBuilder(findmnt.toString(), "--tab-file", f.toString(), "-r", "-n", "-o",
                "TARGET,FSROOT,VFS-OPTIONS,FSTYPE,SOURCE,FS-OPTIONS").redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        List<String> rows = new ArrayList<>();
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            rows.add(unhex(line));
        }
        assertThat(p.exitValue()).isZero();
        assertThat(rows).containsExactly(
                "/ / rw,relatime memfs root rw,mode=755",
                "/m x / ro,nosuid,nodev,noexec,noatime memfs a\\b ro,mode=700",
                "/b\tc /src/sub rw,relatime memfs root[/src/sub] rw,mode=755");
    }

    /** findmnt -r writes unsafe characters as \xNN. */
    private static String unhex(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x') {
                sb.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                sb.append(s.charAt(i));
            }
        }
        return sb.toString();
    }
}
