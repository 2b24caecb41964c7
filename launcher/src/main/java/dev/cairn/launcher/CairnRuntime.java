package dev.cairn.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/**
 * Cairn running in an embedded Felix: hot-deploy directory, boot policy, the sandbox and Gogo
 * sessions in it. Service objects are used by reflection ({@link Reflect}).
 */
final class CairnRuntime implements AutoCloseable {
    static final String SANDBOX_MANAGER = "dev.cairn.boot.api.SandboxManager";
    static final String COMMAND_PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    static final String CONFIG_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    static final String POLICY_PID = "dev.cairn.boot.policy";
    static final long SERVICE_WAIT_MILLIS = 15_000;
    static final long DEPLOY_WAIT_MILLIS = 15_000;

    private static final String GOFER_BUNDLE = "dev.cairn.fs.gofer";
    private final EmbeddedFelix felix;
    private final Path home;
    private final Path deployDir;
    private final PrintStream progress;
    private final PrintStream warnings;
    private Object sandbox;
    private Gofers gofers;
    private boolean closed;

    private CairnRuntime(EmbeddedFelix felix, Path home, Path deployDir, PrintStream progress, PrintStream warnings) {
        this.felix = felix;
        this.home = home;
        this.deployDir = deployDir;
        this.progress = progress;
        this.warnings = warnings;
    }

    /** Framework properties: FileInstall on {@code deployDir}, no console of gogo.shell's own. */
    static Map<String, String> frameworkProperties(Path deployDir) {
        Map<String, String> p = new HashMap<>();
        p.put("felix.fileinstall.dir", deployDir.toString());
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.enableConfigSave", "false");
        p.put("felix.fileinstall.start.level", Integer.toString(EmbeddedFelix.BUNDLE_LEVEL));
        p.put("felix.fileinstall.log.level", "1");
        // gogo.shell would otherwise start its own console on System.in; the launcher runs
        // the interactive session itself, attached to the sandbox.
        p.put("gosh.args", "--nointeractive --noshutdown");
        return p;
    }

    /**
     * Starts the framework.
     *
     * @param progress where progress goes (a null stream for {@code -q})
     * @param warnings where warnings go, even with {@code -q}
     */
    static CairnRuntime start(Path home, Path deployDir, PrintStream progress, PrintStream warnings)
            throws IOException, BundleException {
        Path bundles = home.resolve("bundles");
        Files.createDirectories(deployDir);
        long t0 = System.nanoTime();
        EmbeddedFelix f = EmbeddedFelix.start(bundles, frameworkProperties(deployDir));
        CairnRuntime rt = new CairnRuntime(f, home, deployDir, progress, warnings);
        progress.printf("cairn: Felix started with %d bundles in %d ms; hot-deploy directory %s%n",
                f.context().getBundles().length - 1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), deployDir);
        List<String> problems = f.problems();
        if (!problems.isEmpty()) {
            // always shown, even with -q: something the sandbox may need is missing
            warnings.println("cairn: warning: bundles not running: " + String.join(", ", problems));
        }
        return rt;
    }

    private Object require(String className) throws CliException, InterruptedException {
        Object s = felix.awaitService(className, SERVICE_WAIT_MILLIS);
        if (s == null) {
            List<String> problems = felix.problems();
            throw new CliException("no " + className + " service after " + SERVICE_WAIT_MILLIS / 1000 + " s"
                    + (problems.isEmpty() ? "" : "; bundles not running: " + String.join(", ", problems)));
        }
        return s;
    }

    /**
     * Waits (bounded) until FileInstall has handled every jar and configuration file now in
     * the deploy directory: jars installed and started, configurations created.
     */
    void awaitDeployDir() throws CliException, InterruptedException {
        List<String> pending = pendingDeployments();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEPLOY_WAIT_MILLIS);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            pending = pendingDeployments();
        }
        if (!pending.isEmpty()) {
            progress.println("cairn: warning: not deployed after " + DEPLOY_WAIT_MILLIS / 1000 + " s: "
                    + String.join(", ", pending));
        }
    }

    private List<String> pendingDeployments() throws CliException, InterruptedException {
        List<String> pending = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(deployDir)) {
            files = s.sorted().toList();
        } catch (IOException e) {
            return pending;
        }
        for (Path p : files) {
            String name = p.getFileName().toString();
            if (name.endsWith(".jar") && !bundleDeployed(name)) {
                pending.add(name + " (" + bundleState(name) + ")");
            } else if ((name.endsWith(".cfg") || name.endsWith(".config")) && !configDeployed(name)) {
                pending.add(name + " (configuration not loaded)");
            }
        }
        return pending;
    }

    private Bundle deployedBundle(String fileName) {
        for (Bundle b : felix.context().getBundles()) {
            if (b.getLocation().endsWith("/" + fileName)) {
                return b;
            }
        }
        return null;
    }

    private boolean bundleDeployed(String fileName) {
        Bundle b = deployedBundle(fileName);
        if (b == null) {
            return false;
        }
        boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
        return b.getState() == Bundle.ACTIVE || (fragment && b.getState() == Bundle.RESOLVED);
    }

    private String bundleState(String fileName) {
        Bundle b = deployedBundle(fileName);
        return b == null ? "not installed" : EmbeddedFelix.stateName(b.getState());
    }

    private boolean configDeployed(String fileName) throws CliException, InterruptedException {
        Object ca = require(CONFIG_ADMIN);
        try {
            Object configs = Reflect.call(ca, "listConfigurations", "(felix.fileinstall.filename=*)");
            if (configs == null) {
                return false;
            }
            for (Object c : (Object[]) configs) {
                Dictionary<?, ?> props = (Dictionary<?, ?>) Reflect.call(c, "getProperties");
                Object file = props == null ? null : props.get("felix.fileinstall.filename");
                if (file != null && file.toString().endsWith("/" + fileName)) {
                    return true;
                }
            }
            return false;
        } catch (Reflect.Failure e) {
            throw new CliException("cannot read configurations: " + e.getMessage());
        }
    }

    /**
     * Adds {@code types} to the boot policy's {@code allowUserMount} through Configuration
     * Admin, keeping whatever the policy already says (e.g. from a .cfg in the deploy dir).
     */
    void allowUserMount(List<String> types) throws CliException, InterruptedException {
        if (types.isEmpty()) {
            return;
        }
        Object ca = require(CONFIG_ADMIN);
        try {
            Object config = Reflect.call(ca, "getConfiguration", POLICY_PID, "?");
            Dictionary<?, ?> old = (Dictionary<?, ?>) Reflect.call(config, "getProperties");
            Hashtable<String, Object> props = new Hashtable<>();
            Set<String> allowed = new LinkedHashSet<>();
            if (old != null) {
                for (java.util.Enumeration<?> keys = old.keys(); keys.hasMoreElements(); ) {
                    Object k = keys.nextElement();
                    props.put(k.toString(), old.get(k));
                }
                allowed.addAll(names(old.get("allowUserMount")));
            }
            allowed.addAll(types);
            props.put("allowUserMount", allowed.toArray(new String[0]));
            Reflect.call(config, "update", (Dictionary<String, Object>) props);
            progress.println("cairn: policy " + POLICY_PID + ": allowUserMount=" + String.join(",", allowed));
        } catch (Reflect.Failure e) {
            throw new CliException("cannot write the boot policy " + POLICY_PID + ": " + e.getMessage());
        }
    }

    static List<String> names(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String[] a) {
            out.addAll(Arrays.asList(a));
        } else if (value instanceof Collection<?> c) {
            c.forEach(o -> out.add(String.valueOf(o)));
        } else if (value != null) {
            for (String s : value.toString().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    /**
     * Waits until every type of {@code types} that is registered in the sandbox is
     * user-mountable: Configuration Admin delivers policy changes asynchronously.
     */
    void awaitPolicy(Object sandbox, List<String> types) throws InterruptedException, Reflect.Failure {
        Object vfs = Reflect.call(sandbox, "vfs");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (String t : types) {
            while (System.nanoTime() < deadline) {
                java.util.Optional<?> p = (java.util.Optional<?>) Reflect.call(vfs, "typePolicy", t);
                if (p.isEmpty() || Boolean.TRUE.equals(Reflect.call(p.get(), "allowUserMount"))) {
                    break;
                }
                Thread.sleep(20);
            }
        }
    }

    /**
     * Creates the sandbox through SandboxManager: {@code SandboxSpec.defaults(id)} for the
     * plain tmpfs layout; otherwise a spec with the gofer root and bind mounts of
     * {@code layout}, whose connections come from gofer processes started here
     * ({@link Gofers}) and are handed over in {@code SandboxSpec.goferSources()} order.
     */
    Object bootSandbox(String id, Cli.Layout layout) throws CliException, InterruptedException {
        Object manager = require(SANDBOX_MANAGER);
        try {
            SpecBuilder specs = new SpecBuilder(manager.getClass().getClassLoader());
            if (!layout.usesGofers()) {
                sandbox = Reflect.call(manager, "create", specs.defaults(id));
                return sandbox;
            }
            SpecBuilder.Built built = specs.build(id, layout);
            gofers = Gofers.start(home, built.uses(), warnings, goferConnector());
            progress.println("cairn: gofers: " + gofers.describe());
            sandbox = Reflect.call(manager, "create", built.spec(), gofers.connections());
            return sandbox;
        } catch (Reflect.Failure e) {
            throw new CliException("cannot boot sandbox '" + id + "': " + e.getMessage());
        } catch (ReflectiveOperationException e) {
            throw new CliException("cannot boot sandbox '" + id + "': " + e);
        }
    }

    /**
     * fs-gofer's {@code GoferSockets.connect}, from the running bundle (the launcher has no
     * bundle API on its class path), or plain channels when fs-gofer is not there.
     */
    private Gofers.Connector goferConnector() {
        for (org.osgi.framework.Bundle b : felix.context().getBundles()) {
            if (GOFER_BUNDLE.equals(b.getSymbolicName())) {
                try {
                    java.lang.reflect.Method connect = b.loadClass("dev.cairn.fs.gofer.api.GoferSockets")
                            .getMethod("connect", Path.class);
                    return socket -> {
                        try {
                            return (java.nio.channels.ByteChannel) connect.invoke(null, socket);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw new java.io.IOException(Reflect.unwrap(e).getMessage(), e.getCause());
                        } catch (IllegalAccessException e) {
                            throw new java.io.IOException(e.toString(), e);
                        }
                    };
                } catch (ClassNotFoundException | NoSuchMethodException | IllegalStateException e) {
                    warnings.println("cairn: fs-gofer offers no GoferSockets (" + e + "); gofer connections take no donated fds");
                }
            }
        }
        return Gofers.Connector.PLAIN;
    }

    GogoSession session(InputStream in, PrintStream out, PrintStream err, String sandboxId)
            throws CliException, InterruptedException {
        Object processor = require(COMMAND_PROCESSOR);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SERVICE_WAIT_MILLIS);
        while (true) {
            try {
                return GogoSession.open(processor, in, out, err, sandboxId);
            } catch (Reflect.Failure e) {
                // Cairn's commands register a moment after the processor: retry, bounded.
                if (!e.is("CommandNotFoundException") || System.nanoTime() > deadline) {
                    throw new CliException("cannot open a shell session: " + GogoSession.describe(e)
                            + problemsSuffix());
                }
                Thread.sleep(50);
            }
        }
    }

    private String problemsSuffix() {
        List<String> p = felix.problems();
        return p.isEmpty() ? "" : " (bundles not running: " + String.join(", ", p) + ")";
    }

    /** Closes the sandbox, stops its gofers (removing their socket directory), stops Felix. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sandbox != null) {
            try {
                Reflect.call(sandbox, "close");
            } catch (Reflect.Failure e) {
                warnings.println("cairn: closing the sandbox failed: " + e.getMessage());
            }
        }
        if (gofers != null) {
            gofers.close();
        }
        felix.close();
    }
}
