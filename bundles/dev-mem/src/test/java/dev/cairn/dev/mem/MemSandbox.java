package dev.cairn.dev.mem;

import dev.cairn.fs.devtmpfs.DevtmpfsType;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountNamespace;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import dev.cairn.vfs.spi.CharDevice;

/**
 * A real VFS with the five memory devices registered and a namespace whose root is a
 * devtmpfs, so the devices appear as /null, /zero, /full, /random and /urandom.
 */
final class MemSandbox {
    final VirtualFilesystem vfs = VirtualFilesystem.create("dev-mem-test");
    final Task task;

    MemSandbox() throws ErrnoException {
        vfs.registerFilesystemType("devtmpfs", new DevtmpfsType(), TypePolicy.USER_MOUNTABLE);
        for (CharDevice d : MemDevicesComponent.devices()) {
            vfs.registerCharDevice(d);
        }
        MountNamespace ns = vfs.newMountNamespace(Credentials.root(),
                MountRequest.internal("none", "devtmpfs", 0, ""));
        task = vfs.newTask(Credentials.root(), ns);
    }
}
