package dev.cairn.dev.mem;

import dev.cairn.vfs.spi.CharDevice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundle's single DS component. It provides no service of its own: when activated it
 * registers the five memory devices as {@link CharDevice} services (one per major:minor, see
 * the package documentation for why), and unregisters them when deactivated.
 */
@Component(immediate = true, service = {})
public final class MemDevicesComponent {
    private static final Logger LOG = LoggerFactory.getLogger(MemDevicesComponent.class);

    /** Guarded by this. */
    private final List<ServiceRegistration<CharDevice>> registrations = new ArrayList<>();

    /** The five devices in /dev order: null, zero, full, random, urandom. */
    static List<CharDevice> devices() {
        return List.of(new NullDevice(), new ZeroDevice(), new FullDevice(),
                new RandomDevice("random", 8), new RandomDevice("urandom", 9));
    }

    /** The service properties of one device: {@code cairn.device=<major>:<minor>}. */
    static Dictionary<String, Object> properties(CharDevice device) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(CharDevice.DEVICE_PROPERTY, device.major() + ":" + device.minor());
        props.put("service.description", "/dev/" + device.nodeName());
        return props;
    }

    @Activate
    synchronized void activate(BundleContext context) {
        for (CharDevice device : devices()) {
            registrations.add(context.registerService(CharDevice.class, device, properties(device)));
            LOG.debug("registered /dev/{} ({}:{})", device.nodeName(), device.major(), device.minor());
        }
    }

    @Deactivate
    synchronized void deactivate() {
        List<ServiceRegistration<CharDevice>> reversed = new ArrayList<>(registrations);
        Collections.reverse(reversed);
        for (ServiceRegistration<CharDevice> registration : reversed) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                LOG.debug("device service already unregistered", alreadyGone);
            }
        }
        registrations.clear();
    }
}
