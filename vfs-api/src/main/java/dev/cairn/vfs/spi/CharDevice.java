package dev.cairn.vfs.spi;

import dev.cairn.vfs.ErrnoException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A character device (driver), registered as an OSGi service. Boot registers it in each
 * sandbox's device registry under {@code (major, minor)}; devtmpfs creates its node at
 * {@code /dev/<nodeName()>} with {@link #mode()}. Opening a device node with no registered
 * driver gives ENXIO.
 */
@ConsumerType
public interface CharDevice {
    /** Service property: "major:minor", e.g. "1:3". */
    String DEVICE_PROPERTY = "cairn.device";

    int major();

    int minor();

    /** Path below /dev, e.g. "null" or "net/tun". */
    String nodeName();

    /** Permission bits of the node devtmpfs creates. */
    default int mode() {
        return 0666;
    }

    /**
     * Opens the device for one file description.
     *
     * @throws ErrnoException ENXIO when the device is not available to this task (e.g. no
     *                        controlling terminal), EPERM/EACCES
     */
    OpenFile open(DeviceOpenContext context, int flags) throws ErrnoException;
}
