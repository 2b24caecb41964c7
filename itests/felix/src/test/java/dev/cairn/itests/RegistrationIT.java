package dev.cairn.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.cairn.boot.api.Sandbox;
import dev.cairn.boot.api.SandboxManager;
import dev.cairn.boot.api.SandboxSpec;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.spi.CharDevice;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.junit.After;
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
import org.osgi.service.cm.Configuration.ConfigurationAttribute;
import org.osgi.service.cm.ConfigurationAdmin;

/** Discovery and policy: every bundle active, types and devices registered by the table, live config. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RegistrationIT {
    @Inject
    private BundleContext context;
    @Inject
    private SandboxManager manager;
    @Inject
    private ConfigurationAdmin configAdmin;

    private final List<Sandbox> opened = new ArrayList<>();

    @Configuration
    public Option[] config() {
        return CairnBundles.felix();
    }

    /**
     * Deletes the policy and waits until boot applies the defaults again: Configuration Admin
     * delivers the deletion asynchronously, and the next test must not see this one's policy.
     */
    @After
    public void cleanUp() throws Exception {
        opened.forEach(Sandbox::close);
        opened.clear();
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration(SandboxManager.POLICY_PID, "?");
        if (c.getProperties() != null) {
            c.delete();
        }
        Sandbox probe = sandbox("reg-cleanup");
        Await.until("default policy back", () -> probe.vfs().typePolicy("tmpfs").equals(Optional.of(TypePolicy.USER_MOUNTABLE))
                && probe.vfs().typePolicy("devtmpfs").equals(Optional.of(TypePolicy.USER_MOUNTABLE)));
        probe.close();
        opened.clear();
    }

    private Sandbox sandbox(String id) throws ErrnoException {
        Sandbox s = manager.create(SandboxSpec.defaults(id));
        opened.add(s);
        return s;
    }

    @Test
    public void everyBundleIsActive() {
        for (Bundle b : context.getBundles()) {
            assertEquals(b.getSymbolicName() + " state", Bundle.ACTIVE, b.getState());
        }
        for (String bsn : List.of("dev.cairn.vfs", "dev.cairn.fs.tmpfs", "dev.cairn.dev.mem", "dev.cairn.dev.tty",
                "dev.cairn.fs.devtmpfs", "dev.cairn.boot", "org.apache.felix.scr", "org.apache.felix.configadmin")) {
            assertTrue(bsn + " installed", bundle(bsn).isPresent());
        }
    }

    @Test
    public void typesAreRegisteredWithThePolicyTable() throws Exception {
        Sandbox s = sandbox("reg-types");
        assertEquals("nodev\tdevtmpfs\nnodev\ttmpfs\n", s.vfs().filesystemsText());
        assertEquals(Optional.of(TypePolicy.USER_MOUNTABLE), s.vfs().typePolicy("tmpfs"));
        assertEquals(Optional.of(TypePolicy.USER_MOUNTABLE), s.vfs().typePolicy("devtmpfs"));
        assertTrue("no pending mounts: " + s.pendingMounts(), s.pendingMounts().isEmpty());
        String mounts = s.vfs().mounts(s.newTask(Credentials.root()));
        assertTrue(mounts, mounts.contains(" /dev devtmpfs "));
        assertTrue(mounts, mounts.contains(" /tmp tmpfs "));
    }

    @Test
    public void devicesAreRegisteredAndHaveNodesInDev() throws Exception {
        Sandbox s = sandbox("reg-devices");
        List<String> numbers = new ArrayList<>();
        for (CharDevice d : s.vfs().charDevices()) {
            numbers.add(d.major() + ":" + d.minor());
        }
        assertTrue(numbers.toString(), numbers.containsAll(List.of("1:3", "1:5", "1:7", "1:8", "1:9", "5:0")));
        List<String> dev = s.newTask(Credentials.root()).listDir("/dev");
        assertTrue(dev.toString(), dev.containsAll(List.of("null", "zero", "full", "random", "urandom", "tty")));
    }

    @Test
    public void userMountOfAListOnlyTypeFailsAndCapabilityIsChecked() throws Exception {
        Sandbox s = sandbox("reg-usermount");
        Task root = s.newTask(Credentials.root());
        root.mkdir("/mnt", 0755);
        setPolicy("denyUserMount", new String[] {"tmpfs"});
        Await.until("tmpfs no longer user-mountable",
                () -> s.vfs().typePolicy("tmpfs").map(p -> !p.allowUserMount()).orElse(false));
        assertErrno(Errno.ENODEV, () -> root.mount("none", "/mnt", "tmpfs", 0, ""));
        Task user = s.newTask(Credentials.user(1000, 1000));
        assertErrno(Errno.EPERM, () -> user.mount("none", "/mnt", "tmpfs", 0, ""));
    }

    @Test
    public void configurationAdminChangesThePolicyLiveWithoutRestartingBoot() throws Exception {
        Sandbox s = sandbox("reg-live");
        ServiceReference<SandboxManager> before = context.getServiceReference(SandboxManager.class);
        Task root = s.newTask(Credentials.root());
        root.mkdir("/mnt", 0755);
        setPolicy("denyUserMount", new String[] {"tmpfs"});
        Await.until("tmpfs denied", () -> !s.vfs().typePolicy("tmpfs").get().allowUserMount());
        assertErrno(Errno.ENODEV, () -> root.mount("none", "/mnt", "tmpfs", 0, ""));

        setPolicy("unlisted", new String[] {"devtmpfs"});
        Await.until("tmpfs allowed again, devtmpfs unlisted",
                () -> s.vfs().typePolicy("tmpfs").get().allowUserMount()
                        && !s.vfs().filesystemsText().contains("devtmpfs"));
        root.mount("none", "/mnt", "tmpfs", 0, "mode=0700");
        assertEquals(0700, root.stat("/mnt").permissions());
        assertEquals("nodev\ttmpfs\n", s.vfs().filesystemsText());

        ServiceReference<SandboxManager> after = context.getServiceReference(SandboxManager.class);
        assertEquals("the component was not restarted", before.getProperty("service.id"), after.getProperty("service.id"));
        assertTrue(manager.sandbox("reg-live").isPresent());
    }

    @Test
    public void malformedConfigurationIsToleratedAndFileInstallStyleListsAreRead() throws Exception {
        ServiceReference<SandboxManager> before = context.getServiceReference(SandboxManager.class);
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration(SandboxManager.POLICY_PID, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("typeWaitMillis", "soon");
        props.put("denyUserMount", "[\"tmpfs\"]");
        c.update(props);
        Sandbox s = sandbox("reg-malformed");
        Await.until("tmpfs denied", () -> !s.vfs().typePolicy("tmpfs").get().allowUserMount());
        ServiceReference<SandboxManager> after = context.getServiceReference(SandboxManager.class);
        assertEquals(before.getProperty("service.id"), after.getProperty("service.id"));
    }

    private void setPolicy(String key, Object value) throws Exception {
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration(SandboxManager.POLICY_PID, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(key, value);
        c.update(props);
        assertFalse(c.getAttributes().contains(ConfigurationAttribute.READ_ONLY));
    }

    private Optional<Bundle> bundle(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    interface Call {
        void run() throws ErrnoException;
    }

    static void assertErrno(Errno expected, Call call) {
        try {
            call.run();
            fail("expected " + expected);
        } catch (ErrnoException e) {
            assertEquals(e.getMessage(), expected, e.errno());
        }
    }
}
