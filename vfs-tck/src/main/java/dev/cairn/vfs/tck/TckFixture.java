package dev.cairn.vfs.tck;

import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.VirtualFilesystem;
import java.util.Set;

/**
 * What a filesystem module's test gives the kit: a fresh VFS with its type registered, how to
 * mount that type as a namespace root, and which optional behaviours it has. The kit calls
 * {@link #newVfs()} once per test and once more per oracle row, so each starts from an empty
 * filesystem: keep it cheap (a remote filesystem should reuse one server process and hand each
 * VFS a fresh export directory and connection). {@link #rootMount()} is also used for extra
 * mounts of the same type inside a test (mount-crossing, EXDEV, noatime, ro, nodev).
 */
public interface TckFixture {
    /** A new VFS with the filesystem type under test registered (and whatever it needs). */
    VirtualFilesystem newVfs() throws Exception;

    /** The request that mounts the type under test as the root of a new mount namespace. */
    MountRequest rootMount();

    /**
     * A mount request of the type under test limited to {@code bytes} of data and
     * {@code inodes} inodes (the root included), as tmpfs's {@code size=} and {@code nr_inodes=}
     * do; empty when the type has no such limits ({@code LimitsTck} is then skipped).
     */
    default java.util.Optional<MountRequest> limitedMount(long bytes, long inodes) {
        return java.util.Optional.empty();
    }

    /** The optional behaviours the filesystem has; suites skip (with a reason) what is absent. */
    Set<TckFeature> features();

    /**
     * Called once for every VFS this fixture made, when the test or oracle row that used it is
     * done (its tasks have exited); release that VFS's connections here.
     */
    default void closeVfs(VirtualFilesystem vfs) {
    }

    /** Called after each test, after {@link #closeVfs}; release shared processes here. */
    default void close() {
    }
}
