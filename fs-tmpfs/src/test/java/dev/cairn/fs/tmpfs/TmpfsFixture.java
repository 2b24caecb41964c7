package dev.cairn.fs.tmpfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountNamespace;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Task;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import dev.cairn.vfs.spi.FilesystemType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A real VFS with tmpfs registered and mounted as the namespace root. */
final class TmpfsFixture {
    final VirtualFilesystem vfs;
    final MountNamespace ns;
    final Task root;

    private TmpfsFixture(VirtualFilesystem vfs, MountNamespace ns) {
        this.vfs = vfs;
        this.ns = ns;
        this.root = vfs.newTask(Credentials.root(), ns);
    }

    static TmpfsFixture mount(String options) throws ErrnoException {
        return mount(MountRequest.internal("none", "tmpfs", 0, options));
    }

    static TmpfsFixture mount(MountRequest request) throws ErrnoException {
        return mount(new TmpfsFilesystemType(), request);
    }

    static TmpfsFixture mount(FilesystemType type, MountRequest request) throws ErrnoException {
        VirtualFilesystem vfs = VirtualFilesystem.create("tmpfs-test");
        vfs.registerFilesystemType("tmpfs", type, TypePolicy.USER_MOUNTABLE);
        MountNamespace ns = vfs.newMountNamespace(Credentials.root(), request);
        return new TmpfsFixture(vfs, ns);
    }

    Task user(int uid, int gid) {
        return vfs.newTask(Credentials.user(uid, gid), ns);
    }

    static Errno errno(ThrowingRunnable r) {
        ErrnoException e = catchThrowableOfType(ErrnoException.class, r::run);
        assertThat(e).as("expected an ErrnoException").isNotNull();
        return e.errno();
    }

    static ErrnoException failure(ThrowingRunnable r) {
        ErrnoException e = catchThrowableOfType(ErrnoException.class, r::run);
        assertThat(e).as("expected an ErrnoException").isNotNull();
        return e;
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    String read(String path) throws ErrnoException {
        return new String(root.readFile(path), StandardCharsets.UTF_8);
    }

    int create(String path) throws ErrnoException {
        return root.open(path, OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644);
    }
}
