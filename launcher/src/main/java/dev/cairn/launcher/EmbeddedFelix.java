package dev.cairn.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.util.tracker.ServiceTracker;

/**
 * An embedded Felix with Cairn's bundle set. Logging (slf4j-api, slf4j-simple) and the
 * ServiceLoader mediator it needs (SPI Fly + ASM) start at level 1; everything else at
 * level 2, which is entered only once level 1 is reached (TOOLCHAIN pitfall 3). Framework
 * storage is a fresh temporary directory, deleted when the framework stops.
 */
final class EmbeddedFelix implements AutoCloseable {
    /** Start level of logging and SPI Fly. */
    static final int LOGGING_LEVEL = 1;
    /** Start level of every other bundle, and of bundles FileInstall installs later. */
    static final int BUNDLE_LEVEL = 2;
    private static final long LEVEL_WAIT_SECONDS = 30;

    private final Felix felix;
    private final Path storage;
    private final List<ServiceTracker<Object, Object>> trackers = new ArrayList<>();

    private EmbeddedFelix(Felix felix, Path storage) {
        this.felix = felix;
        this.storage = storage;
    }

    /** The level a bundle jar starts at, decided by its file name. */
    static int startLevel(String fileName) {
        String n = fileName.toLowerCase(java.util.Locale.ROOT);
        return n.startsWith("slf4j-") || n.startsWith("asm") || n.contains("spifly") ? LOGGING_LEVEL : BUNDLE_LEVEL;
    }

    /**
     * Install order within a level: ASM, then SPI Fly, then the slf4j API, then its binding,
     * then the rest by name (Felix starts bundles of one level in install order).
     */
    static int installRank(String fileName) {
        String n = fileName.toLowerCase(java.util.Locale.ROOT);
        if (n.startsWith("asm")) {
            return n.equals("asm.jar") || n.startsWith("asm-9") ? 0 : 1;
        }
        if (n.contains("spifly")) {
            return 2;
        }
        if (n.startsWith("slf4j-api")) {
            return 3;
        }
        if (n.startsWith("slf4j-")) {
            return 4;
        }
        return 10;
    }

    static List<Path> bundleJars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("bundle directory " + dir + " does not exist (build the distribution: "
                    + "mvn -B -DskipTests install -pl launcher -am)");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> jars = new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".jar")).toList());
            jars.sort(Comparator.comparingInt((Path p) -> startLevel(p.getFileName().toString()))
                    .thenComparingInt(p -> installRank(p.getFileName().toString()))
                    .thenComparing(p -> p.getFileName().toString()));
            return jars;
        }
    }

    /** Starts Felix with {@code extra} framework properties and every jar of {@code bundleDir}. */
    static EmbeddedFelix start(Path bundleDir, Map<String, String> extra) throws IOException, BundleException {
        List<Path> jars = bundleJars(bundleDir);
        Path storage = Files.createTempDirectory("cairn-felix-");
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(LOGGING_LEVEL));
        config.put("felix.startlevel.bundle", Integer.toString(BUNDLE_LEVEL));
        config.put("felix.log.level", "1");
        config.putAll(extra);
        Felix felix = new Felix(config);
        EmbeddedFelix f = new EmbeddedFelix(felix, storage);
        try {
            felix.init();
            BundleContext ctx = felix.getBundleContext();
            List<Bundle> installed = new ArrayList<>();
            for (Path jar : jars) {
                Bundle b = ctx.installBundle(jar.toUri().toString());
                b.adapt(BundleStartLevel.class).setStartLevel(startLevel(jar.getFileName().toString()));
                installed.add(b);
            }
            for (Bundle b : installed) {
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    b.start();
                }
            }
            felix.start();
            f.awaitLevel(BUNDLE_LEVEL);
            return f;
        } catch (BundleException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /**
     * Moves to {@code level} and waits for Felix's STARTLEVEL_CHANGED event, which comes after
     * every bundle of the level was started. ({@code getStartLevel()} already answers the new
     * level while the level's bundles are still being started, so it is no completion signal.)
     * {@code Felix.start()} itself returns only once the beginning level is reached.
     */
    private void awaitLevel(int level) throws BundleException {
        FrameworkStartLevel fsl = felix.adapt(FrameworkStartLevel.class);
        if (fsl.getStartLevel() >= level) {
            return;
        }
        CountDownLatch reached = new CountDownLatch(1);
        fsl.setStartLevel(level, event -> {
            if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED || event.getType() == FrameworkEvent.ERROR) {
                reached.countDown();
            }
        });
        try {
            if (!reached.await(LEVEL_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new BundleException("the framework did not reach start level " + level + " within "
                        + LEVEL_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted while waiting for start level " + level);
        }
    }

    BundleContext context() {
        return felix.getBundleContext();
    }

    /** Bundles that should run but do not (not ACTIVE, not a fragment), as "name (state)". */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        for (Bundle b : context().getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (b.getBundleId() != 0 && !fragment && b.getState() != Bundle.ACTIVE) {
                out.add(b.getSymbolicName() + " (" + stateName(b.getState()) + ")");
            }
        }
        return out;
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "installed, not resolved";
            case Bundle.RESOLVED -> "resolved, not started";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.ACTIVE -> "active";
            default -> "uninstalled";
        };
    }

    /**
     * Waits up to {@code timeoutMillis} for a service registered under {@code className}.
     *
     * @return the service object, or null when none appeared in time
     */
    Object awaitService(String className, long timeoutMillis) throws InterruptedException {
        ServiceTracker<Object, Object> t = new ServiceTracker<>(context(), className, null);
        t.open(true);
        // kept open (and the service got) until the framework stops
        trackers.add(t);
        return t.waitForService(timeoutMillis);
    }

    /** A service's object without waiting, or null. */
    Object service(String className) {
        ServiceReference<?> ref = context().getServiceReference(className);
        return ref == null ? null : context().getService(ref);
    }

    @Override
    public void close() {
        trackers.forEach(ServiceTracker::close);
        try {
            felix.stop();
            felix.waitForStop(TimeUnit.SECONDS.toMillis(10));
        } catch (BundleException | RuntimeException e) {
            // stopping is best effort; storage is removed below either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(storage);
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
