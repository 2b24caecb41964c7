package dev.cairn.vfs.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountNamespace;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;

/** A fresh VFS with MemFs registered and mounted as the root of a namespace. */
abstract class VfsTestBase {
    VirtualFilesystem vfs;
    MountNamespace ns;
    Task root;

    @BeforeEach
    void setUpVfs() throws ErrnoException {
        vfs = VirtualFilesystem.create("test");
        vfs.registerFilesystemType(MemFs.TYPE, MemFs.type(), TypePolicy.USER_MOUNTABLE);
        ns = vfs.newMountNamespace(Credentials.root(), MountRequest.internal("root", MemFs.TYPE, 0, "mode=755"));
        root = vfs.newTask(Credentials.root(), ns);
    }

    Task user(int uid, int gid, int... groups) {
        return vfs.newTask(Credentials.user(uid, gid, groups), ns);
    }

    static void assertErrno(Errno errno, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ErrnoException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((ErrnoException) e).errno())
                        .as(e.getMessage()).isEqualTo(errno));
    }

    static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String str(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
