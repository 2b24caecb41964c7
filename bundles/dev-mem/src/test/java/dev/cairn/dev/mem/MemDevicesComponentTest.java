package dev.cairn.dev.mem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.spi.CharDevice;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/** The component's own registrations, in a real (empty) Felix framework. */
class MemDevicesComponentTest {
    @TempDir
    Path storage;

    private Framework framework;
    private BundleContext context;

    @BeforeEach
    void startFramework() throws Exception {
        framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        context = framework.getBundleContext();
    }

    @AfterEach
    void stopFramework() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    @Test
    void activateRegistersOneCharDeviceServicePerNumberWithItsProperty() throws Exception {
        MemDevicesComponent component = new MemDevicesComponent();

        component.activate(context);

        for (String number : List.of("1:3", "1:5", "1:7", "1:8", "1:9")) {
            Collection<ServiceReference<CharDevice>> refs =
                    context.getServiceReferences(CharDevice.class, "(cairn.device=" + number + ")");
            assertThat(refs).as(number).hasSize(1);
            CharDevice d = context.getService(refs.iterator().next());
            assertThat(d.major() + ":" + d.minor()).isEqualTo(number);
            context.ungetService(refs.iterator().next());
        }
        assertThat(context.getServiceReferences(CharDevice.class, null)).hasSize(5);
    }

    @Test
    void deactivateRemovesAllFiveAndToleratesServicesAlreadyGone() throws Exception {
        MemDevicesComponent component = new MemDevicesComponent();
        component.activate(context);
        ServiceReference<CharDevice> nul =
                context.getServiceReferences(CharDevice.class, "(cairn.device=1:3)").iterator().next();
        assertThat(nul.getProperty("service.description")).isEqualTo("/dev/null");

        component.deactivate();

        assertThat(context.getServiceReferences(CharDevice.class, null)).isEmpty();
        component.deactivate();
    }
}
