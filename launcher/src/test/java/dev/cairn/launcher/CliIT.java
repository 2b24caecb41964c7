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

    // ---- host directories served by gofer processes ----------------------------------------

    @Test
    void hostRootReadsAHostFileAndCreatesOneOnTheHost() throws Exception {
        Path root = Files.createDirectories(work.resolve("root"));
        Files.writeString(root.resolve("hello.txt"), "from the host\n");
        Result r = cairn("run", "-q", "--deploy", deploy.toString(), "--root", root.toString(),
                "-c", "cat /hello.txt; write /new.txt x; mounts");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("from the host\n");
        String source = root.toRealPath().toString();
        assertThat(r.out().lines()).anyMatch(l -> l.startsWith(source + " / 9p rw"));
        assertThat(Files.readString(root.resolve("new.txt"))).isEqualTo("x\n");
    }

    @Test
    void bindMountsServeSecondHostDirectoriesReadWriteAndReadOnly() throws Exception {
        Path root = Files.createDirectories(work.resolve("root"));
        Path data = Files.createDirectories(work.resolve("data"));
        Path ro = Files.createDirectories(work.resolve("ro"));
        Files.writeString(data.resolve("d.txt"), "data\n");
        Files.writeString(ro.resolve("r.txt"), "ro\n");
        Result r = cairn("run", "-q", "--deploy", deploy.toString(), "--root", root.toString(),
                "--bind", data + ":/mnt/data", "--bind", ro + ":/mnt/ro:ro",
                "-c", "cat /mnt/data/d.txt; write /mnt/data/w.txt y; cat /mnt/ro/r.txt; mounts; write /mnt/ro/no.txt z");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("data\nro\n");
        String dataSource = data.toRealPath().toString();
        String roSource = ro.toRealPath().toString();
        assertThat(r.out().lines()).anyMatch(l -> l.startsWith(dataSource + " /mnt/data 9p rw"))
                .anyMatch(l -> l.startsWith(roSource + " /mnt/ro 9p ro"));
        assertThat(r.err()).isEqualTo("write: /mnt/ro/no.txt: Read-only file system\n");
        assertThat(Files.readString(data.resolve("w.txt"))).isEqualTo("y\n");
        assertThat(ro.resolve("no.txt")).doesNotExist();
        // the root's mount points for the binds were made on the host root
        assertThat(root.resolve("mnt/data")).isDirectory();
    }

    @Test
    void readOnlyHostRootRefusesWritesAndGetsNoMountPointsOnTheHost() throws Exception {
        Path root = Files.createDirectories(work.resolve("root"));
        Files.writeString(root.resolve("f.txt"), "f\n");
        Result r = cairn("run", "-q", "--deploy", deploy.toString(), "--root", root.toString(), "--root-ro",
                "-c", "cat /f.txt; mounts; write /g.txt x");
        assertThat(r.exit()).isEqualTo(1);
        String source = root.toRealPath().toString();
        assertThat(r.out()).startsWith("f\n");
        assertThat(r.out().lines()).anyMatch(l -> l.startsWith(source + " / 9p ro,"));
        assertThat(r.err()).isEqualTo("write: /g.txt: Read-only file system\n");
        try (java.util.stream.Stream<Path> files = Files.list(root)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("f.txt");
        }
    }

    @Test
    void sharedHostRootSeesAChangeMadeOnTheHost() throws Exception {
        Path root = Files.createDirectories(work.resolve("root"));
        Path f = Files.writeString(root.resolve("f.txt"), "one\n");
        Process p = start("shell", "-q", "--deploy", deploy.toString(), "--root", root.toString(), "--shared-root");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread to = pump(p.getInputStream(), out);
        Thread te = pump(p.getErrorStream(), OutputStream.nullOutputStream());
        try (OutputStream stdin = p.getOutputStream()) {
            say(stdin, "mounts; cat /f.txt");
            awaitOutput(out, "one\n", 1);
            assertThat(text(out)).contains(" / 9p rw,").contains("cache=remote_revalidating");
            Files.writeString(f, "two, longer\n");
            say(stdin, "cat /f.txt");
            awaitOutput(out, "two, longer\n", 1);
            say(stdin, "exit");
        } finally {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        to.join();
        te.join();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void missingHostRootFailsNamingIt() throws Exception {
        Path missing = work.resolve("missing");
        Result r = cairn("run", "-q", "--deploy", deploy.toString(), "--root", missing.toString(), "-c", "pwd");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("--root: " + missing + ": No such file or directory");
    }

    @Test
    void bindOverDevIsRefusedNamingTheOption() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        Result r = cairn("run", "-q", "--deploy", deploy.toString(), "--bind", data + ":/dev", "-c", "pwd");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("--bind " + data + ":/dev: a sandbox always has devtmpfs at /dev");
    }

    @Test
    void goferSubcommandServesAUserMountOverAUnixSocketBesideABindOnTheTmpfsRoot() throws Exception {
        Path export = Files.createDirectories(work.resolve("export"));
        Files.writeString(export.resolve("f.txt"), "served\n");
        Path data = Files.createDirectories(work.resolve("data"));
        Files.writeString(data.resolve("d.txt"), "data\n");
        String dataSource = data.toRealPath().toString();
        Path sock = work.resolve("g.sock");
        Process gofer = start("gofer", "--root", export.toString(), "--listen", "unix:" + sock);
        try {
            java.io.BufferedReader lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(gofer.getInputStream(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("listening " + sock);
            Result r = cairn("run", "-q", "--deploy", deploy.toString(), "--allow-user-mount", "9p",
                    "--bind", data + ":/srv", "-c", "mkdir /mnt; mount -t 9p -o trans=unix,aname=" + export + " " + sock
                            + " /mnt; ls /mnt; cat /mnt/f.txt; write /mnt/back.txt b; cat /srv/d.txt; mounts");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("f.txt\nserved\ndata\n");
            assertThat(r.out().lines()).anyMatch(l -> l.matches("\\S+ / tmpfs rw\\S* 0 0"))
                    .anyMatch(l -> l.startsWith(dataSource + " /srv 9p rw"))
                    .anyMatch(l -> l.startsWith(sock + " /mnt 9p rw,relatime,trans=unix,aname=" + export));
            assertThat(Files.readString(export.resolve("back.txt"))).isEqualTo("b\n");
        } finally {
            gofer.destroy();
            assertThat(gofer.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(sock).doesNotExist();
    }

    @Test
    void killedGoferIsReportedAndItsMountsFailWithIoErrorsWhileTheShellGoesOn() throws Exception {
        Path root = Files.createDirectories(work.resolve("root"));
        Path data = Files.createDirectories(work.resolve("data"));
        Files.writeString(root.resolve("hello.txt"), "hi\n");
        Files.writeString(data.resolve("d.txt"), "data\n");
        Process p = start("shell", "-q", "--deploy", deploy.toString(), "--root", root.toString(),
                "--bind", data + ":/data");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread to = pump(p.getInputStream(), out);
        Thread te = pump(p.getErrorStream(), err);
        try (OutputStream stdin = p.getOutputStream()) {
            say(stdin, "cat /hello.txt");
            awaitOutput(out, "hi\n", 1);
            List<ProcessHandle> gofers = p.children().toList();
            assertThat(gofers).hasSize(2);
            ProcessHandle rootGofer = goferServing(gofers, root);
            ProcessHandle dataGofer = goferServing(gofers, data);
            rootGofer.destroyForcibly();
            awaitOutput(err, "cairn: the gofer serving " + root.toRealPath() + " (pid " + rootGofer.pid() + ") exited", 1);
            say(stdin, "mkdir /after");
            awaitOutput(err, "mkdir: cannot create directory '/after': Input/output error\n", 1);
            say(stdin, "cat /data/d.txt; echo still up");
            awaitOutput(out, "data\nstill up\n", 1);
            // a launcher that dies however it dies leaves no gofer behind
            p.destroyForcibly();
            assertThat(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(dataGofer.onExit().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            p.destroyForcibly();
        }
        to.join();
        te.join();
        assertThat(root.resolve("after")).doesNotExist();
    }

    /** The gofer process among {@code gofers} whose command line exports {@code dir}. */
    private static ProcessHandle goferServing(List<ProcessHandle> gofers, Path dir) throws IOException {
        String real = dir.toRealPath().toString();
        return gofers.stream()
                .filter(g -> g.info().arguments().map(a -> List.of(a).contains(real)).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no gofer process exports " + real));
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
