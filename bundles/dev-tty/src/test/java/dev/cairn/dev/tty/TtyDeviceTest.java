package dev.cairn.dev.tty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.fs.devtmpfs.DevtmpfsType;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountNamespace;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /dev/tty in a real VFS whose root is a devtmpfs (so the node is /tty). */
class TtyDeviceTest {
    private VirtualFilesystem vfs;
    private MountNamespace ns;

    private static Errno errnoOf(Throwable e) {
        return ((ErrnoException) e).errno();
    }

    @BeforeEach
    void sandbox() throws Exception {
        vfs = VirtualFilesystem.create("dev-tty-test");
        vfs.registerFilesystemType("devtmpfs", new DevtmpfsType(), TypePolicy.USER_MOUNTABLE);
        vfs.registerCharDevice(new TtyDevice());
        ns = vfs.newMountNamespace(Credentials.root(), MountRequest.internal("none", "devtmpfs", 0, ""));
    }

    private Task task() {
        return vfs.newTask(Credentials.root(), ns);
    }

    @Test
    void theNodeIsCharacterDevice5Colon0WithMode0666() throws Exception {
        Stat st = task().stat("/tty");

        assertThat(st.mode()).isEqualTo(020666);
        assertThat(st.rdevMajor()).isEqualTo(5);
        assertThat(st.rdevMinor()).isZero();
    }

    @Test
    void openingWithoutAControllingTerminalIsEnxio() {
        Task t = task();

        assertThatThrownBy(() -> t.open("/tty", OpenFlags.O_RDWR))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENXIO))
                .hasMessageContaining("/dev/tty");
    }

    /** Oracle: a host process without a controlling terminal (after setsid) gets ENXIO. */
    @Test
    void theHostGivesTheSameErrnoWithoutATerminal() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("setsid", "python3", "-c", String.join("\n",
                "import os, errno",
                "try:",
                "    os.open('/dev/tty', os.O_RDWR)",
                "    print('opened')",
                "except OSError as e:",
                "    print(errno.errorcode[e.errno])"))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException missing) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "setsid/python3 not available: " + missing);
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
        String host = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.exitValue() == 0, "host oracle failed: " + host);

        Task t = task();
        String ours;
        try {
            t.close(t.open("/tty", OpenFlags.O_RDWR));
            ours = "opened";
        } catch (ErrnoException e) {
            ours = e.errno().name();
        }
        assertThat(ours).isEqualTo(host).isEqualTo("ENXIO");
    }

    @Test
    void anUnprivilegedTaskWithoutATerminalGetsEnxioToo() {
        Task t = vfs.newTask(Credentials.user(1000, 1000), ns);

        assertThatThrownBy(() -> t.open("/tty", OpenFlags.O_WRONLY))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENXIO));
    }

    @Test
    void readsWritesAndIoctlsGoToTheControllingTerminal() throws Exception {
        TestTerminal terminal = new TestTerminal("typed line\n");
        Task t = task();
        t.setControllingTerminal(terminal);

        int fd = t.open("/tty", OpenFlags.O_RDWR);
        assertThat(t.write(fd, ByteBuffer.wrap("prompt$ ".getBytes(StandardCharsets.UTF_8)))).isEqualTo(8);
        ByteBuffer in = ByteBuffer.allocate(64);
        int n = t.read(fd, in);
        ByteBuffer winsize = ByteBuffer.allocate(8);
        t.ioctl(fd, TestTerminal.TIOCGWINSZ, winsize);

        assertThat(terminal.output()).isEqualTo("prompt$ ");
        assertThat(new String(in.array(), 0, n, StandardCharsets.UTF_8)).isEqualTo("typed line\n");
        assertThat(winsize.order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort(2)).isEqualTo((short) 80);
        assertThatThrownBy(() -> t.ioctl(fd, 0x1234, ByteBuffer.allocate(8)))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOTTY));
        t.close(fd);
    }

    @Test
    void closingDevTtyLeavesTheTerminalOpen() throws Exception {
        TestTerminal terminal = new TestTerminal("");
        Task t = task();
        t.setControllingTerminal(terminal);
        int first = t.open("/tty", OpenFlags.O_WRONLY);
        t.close(first);

        int second = t.open("/tty", OpenFlags.O_WRONLY);
        t.write(second, ByteBuffer.wrap("again".getBytes(StandardCharsets.UTF_8)));
        t.close(second);

        assertThat(terminal.closed).isFalse();
        assertThat(terminal.output()).isEqualTo("again");
    }

    @Test
    void eachTaskReachesItsOwnTerminal() throws Exception {
        TestTerminal mine = new TestTerminal("");
        TestTerminal theirs = new TestTerminal("");
        Task a = task();
        Task b = task();
        a.setControllingTerminal(mine);
        b.setControllingTerminal(theirs);

        int fa = a.open("/tty", OpenFlags.O_WRONLY);
        a.write(fa, ByteBuffer.wrap("a".getBytes(StandardCharsets.UTF_8)));
        int fb = b.open("/tty", OpenFlags.O_WRONLY);
        b.write(fb, ByteBuffer.wrap("b".getBytes(StandardCharsets.UTF_8)));

        assertThat(mine.output()).isEqualTo("a");
        assertThat(theirs.output()).isEqualTo("b");
        assertThatThrownBy(() -> task().open("/tty", OpenFlags.O_WRONLY))
                .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENXIO));
    }

    @Test
    void theComponentDescriptorProvidesCharDevice5Colon0() throws IOException {
        String xml;
        try (InputStream in = TtyDevice.class.getClassLoader()
                .getResourceAsStream("OSGI-INF/dev.cairn.dev.tty.TtyDevice.xml")) {
            assertThat(in).as("bnd-generated DS descriptor").isNotNull();
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(xml).contains("interface=\"dev.cairn.vfs.spi.CharDevice\"")
                .containsPattern("name=\"cairn.device\"[^>]*value=\"5:0\"");
    }
}
