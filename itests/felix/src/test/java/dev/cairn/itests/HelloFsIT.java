package dev.cairn.itests;

import static dev.cairn.itests.RegistrationIT.assertErrno;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.cairn.boot.api.Sandbox;
import dev.cairn.boot.api.SandboxManager;
import dev.cairn.boot.api.SandboxSpec;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.spi.FilesystemType;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A third-party filesystem bundle (itests/hello-fs, written only against the exported API)
 * dropped into a running system: discovered, listed, mountable once the policy allows it,
 * read, then uninstalled cleanly.
 */
@RunWith(PaxExam.class)
public class HelloFsIT {
    @Inject
    private BundleContext context;
    @Inject
    private SandboxManager manager;
    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return CairnBundles.felix();
    }

    @Test
    public void helloBundleIsDiscoveredListedMountedReadAndUninstalled() throws Exception {
        Sandbox s = manager.create(SandboxSpec.defaults("hello"));
        Task root = s.newTask(Credentials.root());
        root.mkdir("/mnt", 0755);
        assertFalse(s.vfs().filesystemTypes().contains("hello"));

        Bundle hello = context.installBundle(CairnBundles.url(CairnBundles.HELLO_FS));
        hello.start();
        assertEquals("dev.cairn.itests.hellofs", hello.getSymbolicName());
        Await.until("hello registered", () -> s.vfs().filesystemTypes().contains("hello"));
        assertEquals(Optional.of(TypePolicy.LIST_ONLY), s.vfs().typePolicy("hello"));
        assertTrue(s.vfs().filesystemsText().contains("nodev\thello\n"));
        assertErrno(Errno.ENODEV, () -> root.mount("none", "/mnt", "hello", 0, "greeting=Hi"));

        org.osgi.service.cm.Configuration policy = configAdmin.getConfiguration(SandboxManager.POLICY_PID, "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("allowUserMount", new String[] {"hello"});
        policy.update(props);
        Await.until("hello user-mountable", () -> s.vfs().typePolicy("hello").get().allowUserMount());

        assertErrno(Errno.EINVAL, () -> root.mount("none", "/mnt", "hello", 0, "colour=red"));
        root.mount("none", "/mnt", "hello", 0, "greeting=Hi");
        assertEquals(List.of("hello.txt"), root.listDir("/mnt"));
        assertEquals("Hi\n", new String(root.readFile("/mnt/hello.txt"), StandardCharsets.UTF_8));
        assertEquals(0444, root.stat("/mnt/hello.txt").permissions());
        assertErrno(Errno.EACCES, () -> s.newTask(Credentials.user(1000, 1000)).writeFile("/mnt/hello.txt", new byte[1]));

        hello.uninstall();
        assertEquals(Bundle.UNINSTALLED, hello.getState());
        Await.until("hello unregistered", () -> !s.vfs().filesystemTypes().contains("hello"));
        assertNull(context.getServiceReferences(FilesystemType.class.getName(), "(cairn.fs.name=hello)"));
        assertFalse(s.vfs().filesystemsText().contains("hello"));
        assertTrue("the hello mount was detached",
                s.mountNamespace().mounts().stream().noneMatch(m -> m.attached() && m.type().equals("hello")));
        assertTrue(root.listDir("/mnt").isEmpty());
        assertErrno(Errno.ENODEV, () -> root.mount("none", "/mnt", "hello", 0, ""));
        assertTrue(s.pendingMounts().isEmpty());
        policy.delete();
        s.close();
    }
}
