package dev.cairn.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import org.ops4j.pax.exam.Option;

/**
 * The Felix the tests run in: logging (SPI Fly, ASM, slf4j) at start level 1 so that
 * slf4j's ServiceLoader is woven before anything logs, DS and Configuration Admin at 3, the
 * Cairn bundles at 4 (the probe is at 5). Bundles come from {@code file:} URLs of the jars
 * this build just made (copied to target/bundles at pre-integration-test).
 */
final class CairnBundles {
    static final String VFS_API = "vfs-api";
    static final String TMPFS = "fs-tmpfs";
    static final String DEV_MEM = "dev-mem";
    static final String DEV_TTY = "dev-tty";
    static final String DEVTMPFS = "fs-devtmpfs";
    static final String BOOT = "boot";
    static final String HELLO_FS = "hello-fs";

    private CairnBundles() {
    }

    /** The {@code file:} URL of a copied bundle jar. */
    static String url(String artifactId) {
        String dir = System.getProperty("cairn.bundles", "target/bundles");
        File jar = new File(dir, artifactId + ".jar");
        if (!jar.isFile()) {
            throw new IllegalStateException("bundle jar missing: " + jar + " (run through mvn verify)");
        }
        return jar.toURI().toString();
    }

    private static Option at(String artifactId, int level) {
        return bundle(url(artifactId)).startLevel(level);
    }

    /** Infrastructure and the Cairn bundles under test (hello-fs is installed by its test). */
    static Option[] felix() {
        return options(
                systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("warn"),
                systemProperty("org.slf4j.simpleLogger.logFile").value("System.out"),
                at("org.apache.aries.spifly.dynamic.bundle", 1),
                at("asm", 1), at("asm-commons", 1), at("asm-tree", 1), at("asm-analysis", 1), at("asm-util", 1),
                at("slf4j-api", 1), at("slf4j-simple", 1),
                at("org.osgi.util.function", 3), at("org.osgi.util.promise", 3),
                at("org.osgi.service.component", 3), at("org.apache.felix.scr", 3),
                at("org.apache.felix.configadmin", 3),
                at(VFS_API, 4), at(TMPFS, 4), at(DEV_MEM, 4), at(DEV_TTY, 4), at(DEVTMPFS, 4), at(BOOT, 4),
                junitBundles());
    }
}
