package dev.cairn.fs.tmpfs;

import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import dev.cairn.vfs.tck.TckFeature;
import dev.cairn.vfs.tck.TckFixture;
import dev.cairn.vfs.tck.VfsTck;
import java.util.Optional;
import java.util.Set;

/**
 * The vfs-tck conformance kit against tmpfs: every suite, every optional feature but
 * O_TMPFILE (tmpfs is what the kit's host oracle runs on), the oracle rows compared with a
 * host tmpfs when the build runs as root with python3.
 */
class TmpfsTckTest extends VfsTck {
    @Override
    protected TckFixture fixture() {
        return new TckFixture() {
            @Override
            public VirtualFilesystem newVfs() throws Exception {
                VirtualFilesystem vfs = VirtualFilesystem.create("tck-tmpfs");
                vfs.registerFilesystemType("tmpfs", new TmpfsFilesystemType(), TypePolicy.USER_MOUNTABLE);
                return vfs;
            }

            @Override
            public MountRequest rootMount() {
                return MountRequest.internal("none", "tmpfs", 0, "");
            }

            @Override
            public Optional<MountRequest> limitedMount(long bytes, long inodes) {
                return Optional.of(MountRequest.internal("none", "tmpfs", 0, "size=" + bytes + ",nr_inodes=" + inodes));
            }

            @Override
            public Set<TckFeature> features() {
                // Everything but O_TMPFILE: Linux tmpfs has it, but the SPI has no node
                // operation for an unnamed file and the core answers EOPNOTSUPP (a known gap).
                return TckFeature.all();
            }
        };
    }
}
