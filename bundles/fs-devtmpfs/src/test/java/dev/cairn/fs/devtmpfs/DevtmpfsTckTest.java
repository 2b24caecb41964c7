package dev.cairn.fs.devtmpfs;

import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import dev.cairn.vfs.spi.Filesystem;
import dev.cairn.vfs.spi.FilesystemType;
import dev.cairn.vfs.spi.MountContext;
import dev.cairn.vfs.tck.TckFeature;
import dev.cairn.vfs.tck.TckFixture;
import dev.cairn.vfs.tck.VfsTck;
import java.util.Optional;
import java.util.Set;

/**
 * The vfs-tck conformance kit against devtmpfs's node tree (directories, files, symlinks,
 * links, special nodes, rename, readdir, times).
 *
 * <p>The kit works in the root of a fresh filesystem and expects it empty, and one
 * filesystem per mount; real devtmpfs has neither (its root holds the userspace-init entries
 * and every mount shares one instance — both tested in the other test classes). So the kit
 * mounts a test-only type "devtree" whose every mount is a new, uninitialised
 * {@link DevFilesystem}: the same node classes, without the init and the sharing, and with
 * the space and inode limits the kit asks for (real devtmpfs ignores size options, as Linux).
 * Everything tmpfs has is claimed.
 */
class DevtmpfsTckTest extends VfsTck {
    private static final String TREE = "devtree";

    /** Each mount: a fresh, empty devtmpfs tree. */
    private static final class FreshTreeType implements FilesystemType {
        @Override
        public String name() {
            return TREE;
        }

        /** Test-only options for the kit's limits suite: size=BYTES, nr_inodes=N. */
        @Override
        public Filesystem newFilesystem(MountContext context) {
            long bytes = context.options().get("size").map(Long::parseLong)
                    .orElse(DevFilesystem.defaultCapacityBytes());
            long inodes = context.options().get("nr_inodes").map(Long::parseLong)
                    .orElse(bytes / DevFilesystem.PAGE_SIZE);
            return new DevFilesystem(bytes, inodes);
        }
    }

    @Override
    protected TckFixture fixture() {
        return new TckFixture() {
            @Override
            public VirtualFilesystem newVfs() throws Exception {
                VirtualFilesystem vfs = VirtualFilesystem.create("tck-devtmpfs");
                vfs.registerFilesystemType(TREE, new FreshTreeType(), TypePolicy.USER_MOUNTABLE);
                return vfs;
            }

            @Override
            public MountRequest rootMount() {
                return MountRequest.internal("none", TREE, 0, "");
            }

            @Override
            public Optional<MountRequest> limitedMount(long bytes, long inodes) {
                return Optional.of(MountRequest.internal("none", TREE, 0, "size=" + bytes + ",nr_inodes=" + inodes));
            }

            @Override
            public Set<TckFeature> features() {
                return TckFeature.all();
            }
        };
    }
}
