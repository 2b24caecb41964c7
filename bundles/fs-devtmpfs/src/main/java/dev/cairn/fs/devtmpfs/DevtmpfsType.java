package dev.cairn.fs.devtmpfs;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.VirtualFilesystem;
import dev.cairn.vfs.spi.Filesystem;
import dev.cairn.vfs.spi.FilesystemType;
import dev.cairn.vfs.spi.MountContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devtmpfs filesystem type: the bundle's single DS component. Every mount in one VFS
 * gets that VFS's one {@link DevFilesystem}, created and initialised on first use.
 */
@Component(service = FilesystemType.class, property = FilesystemType.NAME_PROPERTY + "=" + DevtmpfsType.NAME)
public final class DevtmpfsType implements FilesystemType {
    static final String NAME = "devtmpfs";

    private static final Logger LOG = LoggerFactory.getLogger(DevtmpfsType.class);

    /**
     * One instance per VFS. Weak keys: the value never refers to its VFS, so a VFS nobody
     * uses any more can be collected with its devtmpfs. Guarded by this.
     */
    private final Map<VirtualFilesystem, DevFilesystem> instances = new WeakHashMap<>();

    /** Set once deactivated; guarded by this. */
    private boolean stopped;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Filesystem newFilesystem(MountContext context) throws ErrnoException {
        DevtmpfsOptions.validate(context.options());
        VirtualFilesystem vfs = context.vfs();
        DevFilesystem fs;
        synchronized (this) {
            if (stopped) {
                throw Errno.ENODEV.exception(NAME + ": filesystem type is being removed");
            }
            fs = instances.computeIfAbsent(vfs, v -> new DevFilesystem(DevFilesystem.defaultCapacityBytes()));
        }
        fs.devices().start(vfs);
        return fs;
    }

    /** The instance of {@code vfs}, if one was made (for tests in this package). */
    synchronized DevFilesystem instance(VirtualFilesystem vfs) {
        return instances.get(vfs);
    }

    /** Stops listening for devices in every VFS; existing mounts keep their contents. */
    @Deactivate
    void deactivate() {
        List<Map.Entry<VirtualFilesystem, DevFilesystem>> all;
        synchronized (this) {
            stopped = true;
            all = new ArrayList<>(instances.entrySet());
            instances.clear();
        }
        for (Map.Entry<VirtualFilesystem, DevFilesystem> e : all) {
            e.getValue().devices().stop(e.getKey());
        }
        LOG.debug("devtmpfs stopped in {} VFS(s)", all.size());
    }
}
