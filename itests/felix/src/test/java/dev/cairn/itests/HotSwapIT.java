package dev.cairn.itests;

import static dev.cairn.itests.RegistrationIT.assertErrno;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import dev.cairn.boot.api.MountSpec;
import dev.cairn.boot.api.Sandbox;
import dev.cairn.boot.api.SandboxManager;
import dev.cairn.boot.api.SandboxSpec;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.spi.FilesystemType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** Bundle stop/start/update of fs-tmpfs and dev-mem while a sandbox runs. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT {
    @Inject
    private BundleContext context;
    @Inject
    private SandboxManager manager;

    private Sandbox sandbox;
    private Task task;

    @Configuration
    public Option[] config() {
        return CairnBundles.felix();
    }

    @Before
    public void createSandbox() throws Exception {
        sandbox = manager.create(new SandboxSpec("hotswap", "tmpfs", "mode=0755", false,
                List.of(new MountSpec("/data", "tmpfs", "none", List.of("ro", "mode=0750", "foo=bar")))));
        task = sandbox.newTask(Credentials.root());
    }

    @After
    public void restore() throws Exception {
        for (String bsn : List.of("dev.cairn.fs.tmpfs", "dev.cairn.dev.mem", "dev.cairn.fs.devtmpfs")) {
            Bundle b = bundle(bsn);
            if (b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
        sandbox.close();
    }

    @Test
    public void stoppingTmpfsDetachesTmpAndStartingItMountsTmpAgain() throws Exception {
        task.writeFile("/tmp/f", bytes("in tmp"));
        task.writeFile("/keep", bytes("on root"));
        Bundle tmpfs = bundle("dev.cairn.fs.tmpfs");

        tmpfs.stop();
        Await.until("tmpfs mounts pending",
                () -> sandbox.pendingMounts().equals(List.of("tmpfs on /data", "tmpfs on /tmp")));
        assertFalse(sandbox.vfs().filesystemsText(), sandbox.vfs().filesystemsText().contains("nodev\ttmpfs\n"));
        assertFalse(sandbox.vfs().mounts(task).contains(" /tmp tmpfs "));
        assertErrno(Errno.ENOENT, () -> task.stat("/tmp/f"));
        assertEquals("on root", text(task.readFile("/keep")));
        task.writeFile("/keep2", bytes("root still writable"));
        assertEquals("root still writable", text(task.readFile("/keep2")));
        task.mkdir("/mnt", 0755);
        assertErrno(Errno.ENODEV, () -> task.mount("none", "/mnt", "tmpfs", 0, ""));

        tmpfs.start();
        Await.until("no pending mounts", () -> sandbox.pendingMounts().isEmpty());
        assertTrue(sandbox.vfs().mounts(task).contains(" /tmp tmpfs "));
        assertEquals(01777, task.stat("/tmp").permissions());
        assertTrue("a fresh tmpfs", task.listDir("/tmp").isEmpty());
        assertEquals("same options", 0750, task.stat("/data").permissions());
        assertErrno(Errno.EROFS, () -> task.mkdir("/data/x", 0755));
        task.mount("none", "/mnt", "tmpfs", 0, "");
    }

    @Test
    public void updatingTmpfsSwapsTheTypeUnderARunningSandbox() throws Exception {
        Object before = tmpfsServiceId();
        bundle("dev.cairn.fs.tmpfs").update();
        Await.until("tmpfs back", () -> tmpfsServiceId() != null && sandbox.pendingMounts().isEmpty());
        assertNotEquals(before, tmpfsServiceId());
        assertTrue(sandbox.vfs().mounts(task).contains(" /tmp tmpfs "));
        task.writeFile("/tmp/after-update", bytes("new tmpfs"));
        assertEquals("new tmpfs", text(task.readFile("/tmp/after-update")));
        assertTrue(sandbox.vfs().filesystemsText().contains("nodev\ttmpfs\n"));
    }

    @Test
    public void stoppingDevtmpfsDetachesDevAndStartingItRepopulatesIt() throws Exception {
        Bundle devtmpfs = bundle("dev.cairn.fs.devtmpfs");
        devtmpfs.stop();
        Await.until("devtmpfs on /dev pending", () -> sandbox.pendingMounts().equals(List.of("devtmpfs on /dev")));
        assertFalse(listDev().contains("null"));
        assertTrue(sandbox.vfs().charDevice(1, 3).isPresent());
        devtmpfs.start();
        Await.until("/dev back", () -> sandbox.pendingMounts().isEmpty() && listDev().contains("null"));
        assertTrue(listDev().containsAll(List.of("zero", "tty", "pts", "shm")));
    }

    @Test
    public void stoppingDevMemRemovesItsDeviceNodesAndStartingItBringsThemBack() throws Exception {
        assertTrue(task.listDir("/dev").contains("null"));
        Bundle mem = bundle("dev.cairn.dev.mem");

        mem.stop();
        Await.until("/dev/null gone", () -> !listDev().contains("null") && !listDev().contains("zero"));
        assertFalse(sandbox.vfs().charDevice(1, 3).isPresent());
        assertTrue("tty stays", listDev().contains("tty"));
        assertTrue(sandbox.pendingMounts().isEmpty());

        mem.start();
        Await.until("/dev/zero back", () -> listDev().containsAll(List.of("null", "zero", "full", "random", "urandom")));
        int fd = task.open("/dev/zero", OpenFlags.O_RDONLY);
        ByteBuffer buf = ByteBuffer.allocate(4);
        buf.put(new byte[] {1, 2, 3, 4}).flip();
        buf.clear();
        assertEquals(4, task.read(fd, buf));
        assertArrayEquals(new byte[4], buf.array());
        task.close(fd);
    }

    @Test
    public void updatingDevMemReRegistersItsDevices() throws Exception {
        bundle("dev.cairn.dev.mem").update();
        Await.until("devices back", () -> sandbox.vfs().charDevice(1, 3).isPresent()
                && sandbox.vfs().charDevice(1, 9).isPresent() && listDev().contains("urandom"));
        int fd = task.open("/dev/null", OpenFlags.O_WRONLY);
        assertEquals(3, task.write(fd, ByteBuffer.wrap(bytes("abc"))));
        task.close(fd);
    }

    private List<String> listDev() {
        try {
            return task.listDir("/dev");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Object tmpfsServiceId() {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(FilesystemType.class.getName(),
                    "(" + FilesystemType.NAME_PROPERTY + "=tmpfs)");
            return refs == null ? null : refs[0].getProperty("service.id");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Bundle bundle(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError(bsn + " not installed");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
