package dev.cairn.vfs.tck;

import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.TypePolicy;
import dev.cairn.vfs.VirtualFilesystem;
import dev.cairn.vfs.tck.memfs.MemFsType;
import java.util.EnumSet;
import java.util.Set;

/** The kit's fixture for memfs, optionally mounted with {@code fault=...}. */
final class MemFsFixture implements TckFixture {
    private final String data;

    MemFsFixture(String data) {
        this.data = data;
    }

    @Override
    public VirtualFilesystem newVfs() throws Exception {
        VirtualFilesystem vfs = VirtualFilesystem.create("tck-memfs");
        vfs.registerFilesystemType(MemFsType.NAME, new MemFsType(), TypePolicy.USER_MOUNTABLE);
        return vfs;
    }

    @Override
    public MountRequest rootMount() {
        return MountRequest.internal("none", MemFsType.NAME, 0, data);
    }

    @Override
    public Set<TckFeature> features() {
        Set<TckFeature> f = EnumSet.copyOf(TckFeature.all());
        f.remove(TckFeature.SPARSE);
        f.remove(TckFeature.STATFS_COUNTS);
        return f;
    }
}
