package dev.cairn.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged distribution (target/cairn, built by {@code package}) as a separate
 * process, the way a user runs {@code cairn}.
 */
class CliIT {
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path work;
    Path deploy;

    /** Exit status and output of one cairn process. */
    record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void dirs() throws IOException {
        deploy = Files.createDirectories(work.resolve("deploy"));
    }

    private static Path home() {
        return Path.of(System.getProperty("cairn.home", "target/cairn")).toAbsolutePath();
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dcairn.home=" + home());
        cmd.add("-jar");
        cmd.add(home().resolve("lib/cairn-launcher.jar").toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Process start(String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(args)).directory(work.toFile());
        return pb.start();
    }

    private Result cairn(String... args) throws Exception {
        Process p = start(args);
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread to = pump(p.getInputStream(), out);
        Thread te = pump(p.getErrorStream(), err);
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("cairn did not exit within " + TIMEOUT_SECONDS + " s: " + List.of(args));
        }
        to.join();
        te.join();
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result run(String commands) throws Exception {
        return cairn("run", "-q", "--deploy", deploy.toString(), "-c", commands);
    }

    private static Thread pump(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(out);
            } catch (IOException e) {
                // the process went away
            }
        });
        t.start();
        return t;
    }

    @Test
    void writesAFileInTheSandboxAndCatsIt() throws Exception {
        Result r = run("mkdir /a; write /a/f hello; cat /a/f");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("hello\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    void stopsAtTheFirstFailingCommandWithTheLinuxMessageAndStatus1() throws Exception {
        Result r = run("echo before; cat /nope; echo after");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("before\n");
        assertThat(r.err()).isEqualTo("cat: /nope: No such file or directory\n");
    }

    @Test
    void unknownCommandFails() throws Exception {
        Result r = run("frobnicate /x");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("frobnicate: command not found");
    }

    @Test
    void mountTableHasTmpfsRootDevtmpfsDevAndTmp() throws Exception {
        Result r = run("mounts");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).anyMatch(l -> l.matches("\\S+ / tmpfs rw\\S* 0 0"));
        assertThat(lines).anyMatch(l -> l.matches("\\S+ /dev devtmpfs rw\\S* 0 0"));
        assertThat(lines).anyMatch(l -> l.matches("\\S+ /tmp tmpfs rw\\S* 0 0"));
    }

    @Test
    void devListingShowsNullAsCharDevice1Comma3() throws Exception {
        Result r = run("ls -l /dev");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines()).anyMatch(l -> l.matches("crw-rw-rw- +1 +0 +0 +1, 3 null"));
        assertThat(r.out().lines()).anyMatch(l -> l.matches("crw-rw-rw- +1 +0 +0 +1, 5 zero"));
    }

    @Test
    void catOfDevNullPrintsNothingAndSucceeds() throws Exception {
        Result r = run("cat /dev/null");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void redirectionNeverCreatesAHostFile() throws Exception {
        Path absolute = work.resolve("host-abs.txt");
        Result r = run("echo hi > " + absolute);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("redirect").contains(absolute.toString());
        Result rel = run("echo hi >> host-rel.txt");
        assertThat(rel.exit()).isEqualTo(1);
        assertThat(absolute).doesNotExist();
        assertThat(work.resolve("host-rel.txt")).doesNotExist();
    }

    @Test
    void fileCommandsNeverReadHostFiles() throws Exception {
        Path secret = Files.writeString(work.resolve("host-secret.txt"), "host content\n");
        Result cat = run("cat " + secret);
        assertThat(cat.exit()).isEqualTo(1);
        assertThat(cat.out()).doesNotContain("host content");
        assertThat(cat.err()).isEqualTo("cat: " + secret + ": No such file or directory\n");
        Result ls = run("ls " + work);
        assertThat(ls.exit()).isEqualTo(1);
        assertThat(ls.out()).doesNotContain("host-secret.txt");
        assertThat(ls.err()).contains("ls: cannot access '" + work + "': No such file or directory");
    }

    @Test
    void usageErrorExitsWith2() throws Exception {
        Result r = cairn("run", "--no-such-option");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option");
    }

    @Test
    void bannerShowsMountsAndDevUnlessQuiet() throws Exception {
        Result r = cairn("run", "--deploy", deploy.toString(), "-c", "pwd");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("/proc/mounts").contains(" /dev devtmpfs ").contains("null").endsWith("/\n");
        assertThat(r.err()).contains("Felix started").contains("sandbox 'default' is running");
    }

    // ---- hot deploy -----------------------------------------------------------------------

    private Path helloJar() {
        Path jar = Path.of(System.getProperty("cairn.it.bundles", "target/it-bundles")).resolve("hello-fs.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "hello-fs bundle not built at " + jar);
        return jar;
    }

    @Test
    void deployedBundleTypeIsListedButNotUserMountableByDefault() throws Exception {
        Files.copy(helloJar(), deploy.resolve("hello-fs.jar"));
        Result r = run("filesystems; mkdir /mnt; mount -t hello none /mnt");
        assertThat(r.out()).contains("nodev\thello\n");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("mount: /mnt: unknown filesystem type 'hello'.\n");
    }

    @Test
    void allowUserMountFlagMakesTheDeployedTypeMountable() throws Exception {
        Files.copy(helloJar(), deploy.resolve("hello-fs.jar"));
        Result r = cairn("run", "-q", "--deploy", deploy.toString(), "--allow-user-mount", "hello",
                "-c", "mkdir /mnt; mount -t hello none /mnt; cat /mnt/hello.txt; mounts");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Hello\n").contains(" /mnt hello ");
    }

    @Test
    void policyFileInTheDeployDirConfiguresTheBootPolicy() throws Exception {
        Files.copy(helloJar(), deploy.resolve("hello-fs.jar"));
        Files.writeString(deploy.resolve("dev.cairn.boot.policy.cfg"), "allowUserMount=hello\n");
        Result r = run("mkdir /m; mount -t hello -o greeting=Hi none /m; cat /m/hello.txt");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Hi\n");
    }

    @Test
    void jarDroppedIntoARunningShellBecomesMountableAndReplacingItHotSwaps() throws Exception {
        Path jar = helloJar();
        Process p = start("shell", "-q", "--deploy", deploy.toString(), "--allow-user-mount", "hello");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread to = pump(p.getInputStream(), out);
        Thread te = pump(p.getErrorStream(), err);
        try (OutputStream stdin = p.getOutputStream()) {
            say(stdin, "mkdir /mnt");
            awaitOutput(out, "# ", 2);
            dropIntoDeploy(jar, 0);
            repeatUntil(stdin, out, "filesystems", "nodev\thello");
            say(stdin, "mount -t hello none /mnt; cat /mnt/hello.txt");
            awaitOutput(out, "Hello\n", 1);

            // a newer jar replaces the bundle: its mounts are detached, the type comes back
            dropIntoDeploy(jar, 60_000);
            repeatUntil(stdin, out, "mounts", CliIT::lastTableHasNoHelloMount);
            repeatUntil(stdin, out, "mount -t hello -o greeting=Again none /mnt; cat /mnt/hello.txt", "Again\n");
            say(stdin, "exit");
        }
        assertThat(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        to.join();
        te.join();
        assertThat(p.exitValue()).isZero();
        assertThat(text(out)).contains("Hello\n").contains("Again\n");
    }

    /** Keeps what a process prints except NUL bytes, which it only counts (cat /dev/zero). */
    static final class ZeroCountingBuffer extends ByteArrayOutputStream {
        final java.util.concurrent.atomic.AtomicLong zeros = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (b[i] == 0) {
                    zeros.incrementAndGet();
                } else {
                    write(b[i]);
                }
            }
        }
    }

    @Test
    void ctrlCInterruptsTheRunningCommandAndTheShellGoesOn() throws Exception {
        Process p = start("shell", "-q", "--deploy", deploy.toString());
        ZeroCountingBuffer out = new ZeroCountingBuffer();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread to = pump(p.getInputStream(), out);
        Thread te = pump(p.getErrorStream(), err);
        try (OutputStream stdin = p.getOutputStream()) {
            say(stdin, "mkdir /w; cd /w");
            awaitOutput(out, "default:/w# ", 1);
            say(stdin, "cat /dev/zero");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (out.zeros.get() < 4096 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Process kill = new ProcessBuilder("sh", "-c", "kill -INT " + p.pid()).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            awaitOutput(out, "default:/w# ", 2);
            say(stdin, "echo after; pwd");
            awaitOutput(out, "after\n/w\n", 1);
            say(stdin, "exit");
        }
        assertThat(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        to.join();
        te.join();
        assertThat(p.exitValue()).isZero();
        assertThat(out.zeros.get()).isGreaterThanOrEqualTo(4096);
        assertThat(text(err)).isEmpty();
    }

    /** Copies {@code jar} next to the deploy dir, dates it, and moves it in atomically. */
    private void dropIntoDeploy(Path jar, long mtimeOffsetMillis) throws IOException {
        Path staged = Files.copy(jar, work.resolve("staged.jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(staged, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() + mtimeOffsetMillis));
        Files.move(staged, deploy.resolve("hello-fs.jar"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** True when the last complete mount table printed has no hello mount at /mnt. */
    private static boolean lastTableHasNoHelloMount(String output) {
        int last = output.lastIndexOf(" / tmpfs ");
        int prompt = output.lastIndexOf("default:/# ");
        return last >= 0 && prompt > last && !output.substring(last, prompt).contains(" /mnt hello ");
    }

    private static void repeatUntil(OutputStream stdin, ByteArrayOutputStream out, String cmd, String expected)
            throws Exception {
        repeatUntil(stdin, out, cmd, s -> s.contains(expected));
    }

    /** Sends {@code cmd} every 500 ms until the output satisfies {@code done} (bounded: 20 s). */
    private static void repeatUntil(OutputStream stdin, ByteArrayOutputStream out, String cmd,
                                    java.util.function.Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int mark = text(out).length();
        while (System.nanoTime() < deadline) {
            say(stdin, cmd);
            Thread.sleep(500);
            String since = text(out).substring(mark);
            if (done.test(since)) {
                return;
            }
        }
        throw new AssertionError("'" + cmd + "' never gave the expected output: " + text(out));
    }

    private static void say(OutputStream stdin, String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private static String text(ByteArrayOutputStream b) {
        synchronized (b) {
            return b.toString(StandardCharsets.UTF_8);
        }
    }

    private static void awaitOutput(ByteArrayOutputStream out, String s, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            String t = text(out);
            if (t.split(java.util.regex.Pattern.quote(s), -1).length - 1 >= count) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + s + "' in output: " + text(out));
    }
}
