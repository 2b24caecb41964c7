package dev.cairn.vfs;

import dev.cairn.vfs.spi.CharDevice;
import org.osgi.annotation.versioning.ConsumerType;

/** Told when a character device is registered in or removed from a VFS (devtmpfs listens). */
@ConsumerType
public interface DeviceListener {
    void deviceAdded(CharDevice device);

    void deviceRemoved(CharDevice device);
}
