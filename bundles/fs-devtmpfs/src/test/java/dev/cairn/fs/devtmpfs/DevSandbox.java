package dev.cairn.fs.devtmpfs;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.Mount;
import dev.cairn.vfs.MountNamespace;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import dev.cairn.vfs.spi.CharDevice;
import java.util.ArrayList;
import java.util.List;

/**
 * A real VFS with devtmpfs and the test root registered, a namespace rooted in "testroot"
 * (directories dev and mnt) and a root task.
 */
final class DevSandbox {
    static final Credentials ROOT = Credentials.root();

    final VirtualFilesystem vfs;
    final DevtmpfsType type = new DevtmpfsType();
    final MountNamespace ns;
    final Task task;

    DevSandbox(CharDevice... devices) throws ErrnoException {
        this(VirtualFilesystem.create("devtmpfs-test"), devices);
    }

    private DevSandbox(VirtualFilesystem vfs, CharDevice... devices) throws ErrnoException {
        this.vfs = vfs;
        vfs.registerFilesystemType(TestRootType.NAME, new TestRootType("dev", "mnt"), TypePolicy.LIST_ONLY);
        vfs.registerFilesystemType(DevtmpfsType.NAME, type, TypePolicy.USER_MOUNTABLE);
        for (CharDevice d : devices) {
            vfs.registerCharDevice(d);
        }
        ns = vfs.newMountNamespace(ROOT, MountRequest.internal("none", TestRootType.NAME, 0, ""));
        task = vfs.newTask(ROOT, ns);
    }

    /** A devtmpfs mount at {@code path}, as boot makes it. */
    Mount mount(String path) throws ErrnoException {
        return mount(path, "");
    }

    Mount mount(String path, String data) throws ErrnoException {
        return vfs.mountAt(ROOT, ns, path, MountRequest.internal("none", DevtmpfsType.NAME, 0, data));
    }

    /** Another namespace (testroot root) of the same VFS, with its own task. */
    Task otherNamespaceTask() throws ErrnoException {
        MountNamespace other = vfs.newMountNamespace(ROOT, MountRequest.internal("none", TestRootType.NAME, 0, ""));
        return vfs.newTask(ROOT, other);
    }

    /** "name mode rdev" for each entry of {@code dir}, in readdir order, like a terse ls -l. */
    List<String> listing(String dir) throws ErrnoException {
        List<String> out = new ArrayList<>();
        for (String name : task.listDir(dir)) {
            Stat st = task.lstat(dir + "/" + name);
            String line = name + " " + Integer.toOctalString(st.mode());
            if (st.type() == dev.cairn.vfs.FileType.CHAR_DEVICE) {
                line += " " + st.rdevMajor() + ":" + st.rdevMinor();
            }
            if (st.isSymlink()) {
                line += " -> " + task.readlink(dir + "/" + name);
            }
            out.add(line);
        }
        return out;
    }
}
