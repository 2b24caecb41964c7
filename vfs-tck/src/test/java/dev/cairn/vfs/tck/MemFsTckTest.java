package dev.cairn.vfs.tck;

import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import dev.cairn.vfs.tck.memfs.MemFsType;
import java.util.EnumSet;
import java.util.Set;

/** The whole kit against memfs, the kit's own SPI filesystem: proves the suites run and pass. */
class MemFsTckTest extends VfsTck {
    @Override
    protected TckFixture fixture() {
        return new TckFixture() {
            @Override
            public VirtualFilesystem newVfs() throws Exception {
                VirtualFilesystem vfs = VirtualFilesystem.create("tck-memfs");
                vfs.registerFilesystemType(MemFsType.NAME, new MemFsType(), TypePolicy.USER_MOUNTABLE);
                return vfs;
            }

            @Override
            public MountRequest rootMount() {
                return MountRequest.internal("none", MemFsType.NAME, 0, "");
            }

            @Override
            public Set<TckFeature> features() {
                Set<TckFeature> f = EnumSet.allOf(TckFeature.class);
                f.remove(TckFeature.SPARSE);
                f.remove(TckFeature.STATFS_COUNTS);
                return f;
            }
        };
    }
}
