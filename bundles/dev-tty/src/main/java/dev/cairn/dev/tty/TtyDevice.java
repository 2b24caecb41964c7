package dev.cairn.dev.tty;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.CharDevice;
import dev.cairn.vfs.spi.DeviceOpenContext;
import dev.cairn.vfs.spi.OpenFile;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * /dev/tty, 5:0: the bundle's single DS component, itself the {@link CharDevice} service.
 * Opening it yields the task's controlling terminal, ENXIO without one.
 */
@Component(service = CharDevice.class, property = CharDevice.DEVICE_PROPERTY + "=5:0")
public final class TtyDevice implements CharDevice {
    private static final Logger LOG = LoggerFactory.getLogger(TtyDevice.class);

    @Override
    public int major() {
        return 5;
    }

    @Override
    public int minor() {
        return 0;
    }

    @Override
    public String nodeName() {
        return "tty";
    }

    @Override
    public OpenFile open(DeviceOpenContext context, int flags) throws ErrnoException {
        Optional<OpenFile> terminal = context.controllingTerminal();
        if (terminal.isEmpty()) {
            LOG.debug("/dev/tty opened by uid {} without a controlling terminal", context.credentials().uid());
            throw Errno.ENXIO.exception("/dev/tty: no controlling terminal");
        }
        return new ControllingTerminalFile(terminal.get());
    }

    @Override
    public String toString() {
        return "/dev/tty (5:0)";
    }
}
