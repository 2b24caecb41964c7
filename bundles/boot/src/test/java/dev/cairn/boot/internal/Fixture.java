package dev.cairn.boot.internal;

import dev.cairn.vfs.spi.CharDevice;
import dev.cairn.vfs.spi.FilesystemType;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** A manager outside OSGi, fed with services the way SCR binds them. */
final class Fixture {
    private static final AtomicLong SERVICE_IDS = new AtomicLong(100);

    final SandboxManagerImpl manager = new SandboxManagerImpl();
    final MemFs tmpfs = new MemFs("tmpfs");
    final MemFs devtmpfs = new MemFs("devtmpfs");

    Fixture() {
        waitMillis(200);
        add(tmpfs);
        add(devtmpfs);
    }

    void waitMillis(long ms) {
        manager.applySettings(new PolicySettings(Set.of(), Set.of(), Set.of(), Set.of(), ms));
    }

    static Map<String, Object> props(String key, String value) {
        return Map.of(key, value, "service.id", SERVICE_IDS.incrementAndGet());
    }

    void add(FilesystemType t) {
        manager.addType(t, props(FilesystemType.NAME_PROPERTY, t.name()));
    }

    void remove(FilesystemType t) {
        manager.removeType(t, props(FilesystemType.NAME_PROPERTY, t.name()));
    }

    void add(CharDevice d) {
        manager.addDevice(d, props(CharDevice.DEVICE_PROPERTY, d.major() + ":" + d.minor()));
    }

    void remove(CharDevice d) {
        manager.removeDevice(d, props(CharDevice.DEVICE_PROPERTY, d.major() + ":" + d.minor()));
    }
}
