package dev.cairn.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.boot.api.SandboxSpec;
import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.Task;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cairn's commands through a real Gogo runtime, on a real VFS with tmpfs. */
class CairnCommandsTest {
    private final TestSandboxes manager = new TestSandboxes();
    private GogoHarness gogo;
    private GogoHarness.Session sh;
    private Task admin;

    @BeforeEach
    void boot() throws Exception {
        admin = manager.create(SandboxSpec.defaults("box")).newTask(Credentials.root());
        gogo = new GogoHarness(manager);
        sh = gogo.attached("box");
    }

    @AfterEach
    void shutdown() {
        sh.close();
        gogo.close();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void writeThenCatRoundTripsInsideTheSandbox() throws Exception {
        assertThat(sh.run("mkdir /a; write /a/f hello world; cat /a/f")).isEqualTo("hello world\n");
        assertThat(text(admin.readFile("/a/f"))).isEqualTo("hello world\n");
    }

    @Test
    void gogoLiteralsArePlainWordsToCairnCommands() throws Exception {
        sh.run("write /null null true false 42");
        assertThat(sh.run("cat /null")).isEqualTo("null true false 42\n");
        sh.run("touch /true");
        assertThat(sh.run("ls true")).isEqualTo("true\n");
        // a lone null is Gogo's null literal (Gogo binds it as the session): quote it
        assertThat(sh.run("echo 'null'")).isEqualTo("null\n");
    }

    @Test
    void appendAddsALine() throws Exception {
        sh.run("write /f one; append /f two");
        assertThat(text(admin.readFile("/f"))).isEqualTo("one\ntwo\n");
    }

    @Test
    void catOfMissingFileFailsWithTheCoreutilsMessage() {
        assertThatThrownBy(() -> sh.run("cat /nope"))
                .isInstanceOf(ShellException.class).hasMessage("cat: /nope: No such file or directory");
    }

    @Test
    void catOfADirectoryFailsWithEisdir() throws Exception {
        sh.run("mkdir /d");
        assertThatThrownBy(() -> sh.run("cat /d")).hasMessage("cat: /d: Is a directory");
    }

    @Test
    void lsListsSortedNamesAndReportsMissingOperands() throws Exception {
        sh.run("mkdir /d; touch /d/b /d/a /d/.hidden");
        assertThat(sh.run("ls /d")).isEqualTo("a\nb\n");
        assertThat(sh.run("ls -a /d")).isEqualTo(".\n..\n.hidden\na\nb\n");
        assertThatThrownBy(() -> sh.run("ls /x"))
                .hasMessage("ls: cannot access '/x': No such file or directory");
    }

    @Test
    void lsLongShowsModeLinksOwnersSizeAndDeviceNumbers() throws Exception {
        admin.mknodat(AtFlags.AT_FDCWD, "/null", FileType.CHAR_DEVICE.bits() | 0666, 1, 3);
        admin.chmod("/null", 0666);
        sh.run("write /f hello; ln -s /f /l");
        String out = sh.run("ls -l /");
        assertThat(out).startsWith("total ");
        assertThat(out.lines()).anyMatch(l -> l.matches("crw-rw-rw- 1 0 0 1, 3 null"));
        assertThat(out.lines()).anyMatch(l -> l.matches("-rw-r--r-- 1 0 0 +6 f"));
        assertThat(out.lines()).anyMatch(l -> l.matches("lrwxrwxrwx 1 0 0 +2 l -> /f"));
    }

    @Test
    void mkdirParentsAndItsErrors() throws Exception {
        sh.run("mkdir -p /x/y/z; mkdir -p /x/y");
        assertThat(admin.stat("/x/y/z").isDirectory()).isTrue();
        assertThatThrownBy(() -> sh.run("mkdir /x"))
                .hasMessage("mkdir: cannot create directory '/x': File exists");
        assertThatThrownBy(() -> sh.run("mkdir /q/r"))
                .hasMessage("mkdir: cannot create directory '/q/r': No such file or directory");
    }

    @Test
    void rmNeedsRForDirectoriesAndRemovesTrees() throws Exception {
        sh.run("mkdir -p /t/u; write /t/u/f x; write /t/g y");
        assertThatThrownBy(() -> sh.run("rm /t")).hasMessage("rm: cannot remove '/t': Is a directory");
        assertThatThrownBy(() -> sh.run("rmdir /t")).hasMessage("rmdir: failed to remove '/t': Directory not empty");
        sh.run("rm -r /t");
        assertThat(admin.listDir("/")).doesNotContain("t");
        sh.run("rm -f /does-not-exist");
        assertThatThrownBy(() -> sh.run("rm /does-not-exist"))
                .hasMessage("rm: cannot remove '/does-not-exist': No such file or directory");
    }

    @Test
    void mvRenamesAndMovesIntoDirectories() throws Exception {
        sh.run("write /a x; mkdir /d; mv /a /b; mv /b /d");
        assertThat(admin.listDir("/d")).containsExactly("b");
        assertThatThrownBy(() -> sh.run("mv /zz /d"))
                .hasMessage("mv: cannot stat '/zz': No such file or directory");
    }

    @Test
    void lnMakesHardAndSymbolicLinks() throws Exception {
        sh.run("write /f x; ln /f /h; ln -s f /s");
        assertThat(admin.stat("/f").nlink()).isEqualTo(2);
        assertThat(admin.readlink("/s")).isEqualTo("f");
        assertThatThrownBy(() -> sh.run("ln -s f /s"))
                .hasMessage("ln: failed to create symbolic link '/s': File exists");
    }

    @Test
    void chmodTakesOctalAndSymbolicModes() throws Exception {
        sh.run("mkdir /d; chmod 1777 /d");
        assertThat(sh.run("ls -ld /d")).startsWith("drwxrwxrwt ");
        sh.run("write /f x; chmod 600 /f; chmod g+r,o+r /f");
        assertThat(admin.stat("/f").permissions()).isEqualTo(0644);
        sh.run("chmod u+x /f");
        assertThat(admin.stat("/f").permissions()).isEqualTo(0744);
        assertThatThrownBy(() -> sh.run("chmod z+q /f")).hasMessage("chmod: invalid mode: 'z+q'");
        assertThatThrownBy(() -> sh.run("chmod 644 /nope"))
                .hasMessage("chmod: cannot access '/nope': No such file or directory");
    }

    @Test
    void cdAndPwdUseTheSessionTaskAndRelativePaths() throws Exception {
        sh.run("mkdir -p /w/sub; cd /w; write rel hi; cd sub");
        assertThat(sh.run("pwd")).isEqualTo("/w/sub\n");
        assertThat(sh.run("cat ../rel")).isEqualTo("hi\n");
        assertThatThrownBy(() -> sh.run("cd /nope")).hasMessage("cd: /nope: No such file or directory");
    }

    @Test
    void promptNamesTheSandboxAndTheWorkingDirectory() throws Exception {
        sh.run("mkdir /w; cd /w");
        assertThat(sh.session.execute("prompt")).isEqualTo("box:/w# ");
    }

    @Test
    void eachSessionHasItsOwnTask() throws Exception {
        sh.run("mkdir /w; cd /w");
        try (GogoHarness.Session other = gogo.attached("box")) {
            assertThat(other.run("pwd")).isEqualTo("/\n");
        }
        assertThat(sh.run("pwd")).isEqualTo("/w\n");
    }

    @Test
    void statPrintsSizeTypeModeAndDeviceType() throws Exception {
        sh.run("write /f hello");
        String out = sh.run("stat /f");
        assertThat(out).contains("  File: /f").contains("Size: 6").contains("regular file")
                .contains("Access: (0644/-rw-r--r--)");
        admin.mknodat(AtFlags.AT_FDCWD, "/zero", FileType.CHAR_DEVICE.bits() | 0666, 1, 5);
        assertThat(sh.run("stat /zero")).contains("character special file").contains("Device type: 1,5");
        assertThatThrownBy(() -> sh.run("stat /nope"))
                .hasMessage("stat: cannot statx '/nope': No such file or directory");
    }

    @Test
    void mountUmountAndMountsFollowUtilLinux() throws Exception {
        sh.run("mkdir /mnt; mount -t tmpfs -o size=1m,noexec none /mnt; write /mnt/f x");
        assertThat(sh.run("mounts").lines()).anyMatch(l -> l.startsWith("none /mnt tmpfs ") && l.contains("noexec"));
        assertThat(sh.run("mount").lines()).anyMatch(l -> l.startsWith("none on /mnt type tmpfs ("));
        assertThatThrownBy(() -> sh.run("umount /mnt/f")).hasMessage("umount: /mnt/f: not mounted.");
        sh.run("umount /mnt");
        assertThat(admin.listDir("/mnt")).isEmpty();
        assertThatThrownBy(() -> sh.run("umount /mnt")).hasMessage("umount: /mnt: not mounted.");
        assertThatThrownBy(() -> sh.run("mount -t nosuchfs none /mnt"))
                .hasMessage("mount: /mnt: unknown filesystem type 'nosuchfs'.");
        assertThatThrownBy(() -> sh.run("mount -t tmpfs none /absent"))
                .hasMessage("mount: /absent: mount point does not exist.");
    }

    @Test
    void busyMountNeedsLazyUnmount() throws Exception {
        sh.run("mkdir /m; mount -t tmpfs none /m; mkdir /m/in; mount -t tmpfs none /m/in");
        assertThatThrownBy(() -> sh.run("umount /m")).hasMessage("umount: /m: target is busy.");
        sh.run("umount -l /m");
        assertThat(sh.run("mounts")).doesNotContain(" /m ");
    }

    @Test
    void readOnlyMountRefusesWrites() throws Exception {
        sh.run("mkdir /ro; mount -t tmpfs -o ro none /ro");
        assertThat(sh.run("mounts").lines()).anyMatch(l -> l.startsWith("none /ro tmpfs ro"));
        assertThatThrownBy(() -> sh.run("write /ro/f x")).hasMessage("write: /ro/f: Read-only file system");
        assertThatThrownBy(() -> sh.run("mkdir /ro/d"))
                .hasMessage("mkdir: cannot create directory '/ro/d': Read-only file system");
    }

    @Test
    void filesystemsPrintsTheRegisteredTypes() throws Exception {
        assertThat(sh.run("filesystems")).isEqualTo("nodev\ttmpfs\n");
    }

    @Test
    void treeDrawsTheHierarchyAndCounts() throws Exception {
        sh.run("mkdir -p /r/a; write /r/a/x 1; write /r/b 2");
        assertThat(sh.run("tree /r")).isEqualTo(String.join("\n",
                "/r", "├── a", "│   └── x", "└── b", "", "1 directory, 2 files", ""));
    }

    @Test
    void sandboxesMarksTheSessionsOwn() throws Exception {
        manager.create(SandboxSpec.defaults("other"));
        String out = sh.run("sandboxes");
        assertThat(out.lines()).anyMatch(l -> l.startsWith("* box "));
        assertThat(out.lines()).anyMatch(l -> l.startsWith("  other "));
    }

    @Test
    void commandsFailCleanlyWhenTheSandboxIsGone() throws Exception {
        manager.sandbox("box").orElseThrow().close();
        assertThatThrownBy(() -> sh.run("ls /")).hasMessage("ls: sandbox 'box' is not running");
    }

    @Test
    void unattachedSessionUsesTheFirstSandbox() throws Exception {
        try (GogoHarness.Session s = gogo.unattached()) {
            s.run("cairn:write /from-unattached x");
        }
        assertThat(admin.listDir("/")).contains("from-unattached");
    }

    @Test
    void unknownOptionIsReportedLikeGnuTools() {
        assertThatThrownBy(() -> sh.run("ls -z /")).hasMessage("ls: invalid option -- 'z'");
    }

    // ---- host isolation ------------------------------------------------------------------

    @Test
    void plainCatAndEchoAreCairnsNotGogoShellsHostCommands(@TempDir Path host) throws Exception {
        Path secret = Files.writeString(host.resolve("secret"), "host data\n");
        assertThatThrownBy(() -> sh.run("cat " + secret))
                .hasMessage("cat: " + secret + ": No such file or directory");
        assertThat(sh.run("echo -n a b")).isEqualTo("a b");
    }

    @Test
    void outputRedirectionFailsAndCreatesNoHostFile(@TempDir Path host) {
        Path target = host.resolve("out.txt");
        assertThatThrownBy(() -> sh.run("echo hi > " + target))
                .hasMessageContaining("cannot redirect").hasMessageContaining(target.toString());
        assertThatThrownBy(() -> sh.run("echo hi >> relative.txt")).hasMessageContaining("cannot redirect");
        assertThatThrownBy(() -> sh.run("cat < " + target)).hasMessageContaining("cannot redirect");
        assertThat(target).doesNotExist();
        assertThat(Path.of("relative.txt")).doesNotExist();
    }

    @Test
    void gogoShellFileArgumentsCannotReachTheHost(@TempDir Path host) throws Exception {
        Path secret = Files.writeString(host.resolve("secret"), "root:x:0:0\n");
        assertThat(sh.run("echo root:y | grep root")).isEqualTo("root:y\n");
        assertThat(sh.run("grep root " + secret)).doesNotContain("root:x");
        assertThatThrownBy(() -> sh.run("gogo:cat " + secret)).isNotNull();
        Path written = host.resolve("tac-out");
        assertThatThrownBy(() -> sh.run("echo x | tac " + written)).isNotNull();
        assertThat(written).doesNotExist();
    }

    @Test
    void gogoShellCommandsThatLeaveTheSandboxAreRefused() {
        for (String cmd : new String[] {"gosh -c 'echo x'", "sh /host/script", "source /host/script", "telnetd start"}) {
            String name = cmd.substring(0, cmd.indexOf(' '));
            assertThatThrownBy(() -> sh.run(cmd)).as(cmd)
                    .hasMessage(name + ": not available in a Cairn shell (it would act outside the sandbox)");
        }
    }

    @Test
    void outsideACairnShellGoshIsGogoShells() throws Exception {
        try (GogoHarness.Session s = gogo.unattached()) {
            // gogo.shell's Shell is not in this harness: the call arrives at gogo:gosh and fails there
            assertThatThrownBy(() -> s.run("cairn:gosh --login"))
                    .hasMessageContaining("Command not found: gogo:gosh");
        }
    }

    @Test
    void firstCommandOfAnUnattachedSessionHardensIt(@TempDir Path host) throws Exception {
        try (GogoHarness.Session s = gogo.unattached()) {
            s.run("cairn:pwd");
            Path target = host.resolve("x");
            assertThatThrownBy(() -> s.run("echo hi > " + target)).hasMessageContaining("cannot redirect");
            assertThat(target).doesNotExist();
            assertThat(s.run("pwd")).isEqualTo("/\n");
        }
    }

    @Test
    void globsAreNotExpandedAgainstTheHost() throws Exception {
        sh.run("mkdir /g");
        assertThatThrownBy(() -> sh.run("ls /g/*")).hasMessage("ls: cannot access '/g/*': No such file or directory");
    }

    @Test
    void pipesCarryCairnOutputToTheNextCommand() throws Exception {
        sh.run("mkdir /p; touch /p/apple /p/banana");
        assertThat(sh.run("ls /p | grep ban")).isEqualTo("banana\n");
    }
}
