package dev.cairn.vfs.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountNamespace;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.VirtualFilesystem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Timeout;

/**
 * Base of every suite: a fresh VFS per test from {@link #fixture()}, a namespace whose root is
 * the filesystem under test, a root task, helpers for user tasks, errno assertions and the
 * oracle rows of a topic. Every test runs in its own thread under a timeout, so a hang in the
 * filesystem or the core fails the test instead of stalling the build.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class TckSuite {
    /** No single case may take longer than this (a hang is a failure, not a stuck build). */
    protected static final Duration CASE_TIMEOUT = Duration.ofSeconds(20);

    protected TckFixture fixture;
    protected VirtualFilesystem vfs;
    protected MountNamespace ns;
    /** A task with root credentials at the namespace root (umask 022). */
    protected Task root;
    private final List<Task> tasks = new ArrayList<>();

    /** The filesystem under test. */
    protected abstract TckFixture fixture();

    @BeforeEach
    final void startTck() throws Exception {
        fixture = fixture();
        vfs = fixture.newVfs();
        ns = vfs.newMountNamespace(Credentials.root(), fixture.rootMount());
        root = task(Credentials.root());
    }

    @AfterEach
    final void stopTck() {
        for (Task t : tasks) {
            t.exit();
        }
        tasks.clear();
        fixture.closeVfs(vfs);
        fixture.close();
    }

    /** A new task of {@code creds} in the test's namespace; exited after the test. */
    protected Task task(Credentials creds) {
        Task t = vfs.newTask(creds, ns);
        tasks.add(t);
        return t;
    }

    /** A task of an unprivileged user (no capabilities). */
    protected Task user(int uid, int gid, int... groups) {
        return task(Credentials.user(uid, gid, groups));
    }

    protected void assume(TckFeature feature) {
        Assumptions.assumeTrue(fixture.features().contains(feature),
                () -> "the filesystem under test lacks " + feature);
    }

    /** A world-writable scratch directory {@code /w} (mode 0777), for user tasks. */
    protected String scratch() throws ErrnoException {
        root.mkdir("/w", 0777);
        root.chmod("/w", 0777);
        return "/w";
    }

    // ---- errno assertions -------------------------------------------------------------

    @FunctionalInterface
    public interface Op {
        void run() throws Exception;
    }

    /** The errno {@code op} fails with; fails the test when it succeeds or throws something else. */
    protected static Errno errnoOf(Op op) {
        try {
            op.run();
        } catch (ErrnoException e) {
            return e.errno();
        } catch (Exception e) {
            throw new AssertionError("expected an ErrnoException, got " + e, e);
        }
        return fail("expected an ErrnoException, but the operation succeeded");
    }

    protected static void assertErrno(Errno expected, Op op) {
        assertThat(errnoOf(op)).isEqualTo(expected);
    }

    // ---- data helpers -------------------------------------------------------------------

    protected static ByteBuffer buf(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    protected static void put(Task t, String path, String data) throws ErrnoException {
        int fd = t.open(path, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, 0666);
        try {
            t.write(fd, buf(data));
        } finally {
            t.close(fd);
        }
    }

    protected static String cat(Task t, String path) throws ErrnoException {
        int fd = t.open(path, OpenFlags.O_RDONLY, 0);
        try {
            StringBuilder sb = new StringBuilder();
            ByteBuffer b = ByteBuffer.allocate(8192);
            while (t.read(fd, b.clear()) > 0) {
                b.flip();
                sb.append(StandardCharsets.UTF_8.decode(b));
            }
            return sb.toString();
        } finally {
            t.close(fd);
        }
    }

    /** Reads up to {@code n} bytes at the fd's offset. */
    protected static String read(Task t, int fd, int n) throws ErrnoException {
        ByteBuffer b = ByteBuffer.allocate(n);
        t.read(fd, b);
        b.flip();
        return StandardCharsets.ISO_8859_1.decode(b).toString();
    }

    // ---- oracle rows --------------------------------------------------------------------

    /**
     * One dynamic test per oracle row of {@code topic}: the ops run on a fresh VFS of the
     * fixture; the last result must be the table's expectation, and when the host oracle is
     * available and the fixture declares {@link TckFeature#HOST_ORACLE}, every result must
     * equal what Linux gave. The fixture's root is first made root-owned with mode 0755, like
     * the host case directory.
     */
    protected Stream<DynamicTest> oracleRows(String topic) {
        HostOracle host = HostOracle.get();
        return OracleCases.topic(topic).stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> runRow(c, host)));
    }

    /**
     * Makes the case root look like the host's case directory (root:root, 0755). A filesystem
     * without {@link TckFeature#PERMISSIONS} may refuse; its rows that need owners are skipped.
     */
    private void normaliseRoot(Task t) throws ErrnoException {
        try {
            t.chmod("/", 0755);
            t.chown("/", 0, 0);
        } catch (ErrnoException e) {
            if (fixture.features().contains(TckFeature.PERMISSIONS)) {
                throw e.withContext("making the case root root:root 0755");
            }
        }
    }

    private void runRow(OracleCase c, HostOracle host) throws Exception {
        for (TckFeature f : c.needs()) {
            assume(f);
        }
        if (c.expect() == null) {
            Assumptions.assumeTrue(host.resultsFor(c).isPresent() && fixture.features().contains(TckFeature.HOST_ORACLE),
                    () -> "a host-decided row, and " + host.unavailableReason().orElse(
                            fixture.features().contains(TckFeature.HOST_ORACLE)
                                    ? "this host's kernel predates the behaviour" : "the fixture lacks HOST_ORACLE"));
        }
        VirtualFilesystem caseVfs = fixture.newVfs();
        MountNamespace caseNs = caseVfs.newMountNamespace(Credentials.root(), fixture.rootMount());
        Task t = caseVfs.newTask(Credentials.root(), caseNs);
        try {
            normaliseRoot(t);
            List<String> got = Assertions.assertTimeoutPreemptively(CASE_TIMEOUT, () -> new OpRunner(t).run(c.ops()),
                    () -> c + " did not finish in " + CASE_TIMEOUT);
            String report = OracleReport.describe(c, got, host.resultsFor(c).orElse(null));
            if (fixture.features().contains(TckFeature.HOST_ORACLE)) {
                host.resultsFor(c).ifPresent(linux -> assertThat(got).as(report).isEqualTo(linux));
            }
            if (c.expect() != null) {
                assertThat(got.get(got.size() - 1)).as(report).isEqualTo(c.expect());
            }
        } finally {
            t.exit();
            fixture.closeVfs(caseVfs);
        }
    }
}
