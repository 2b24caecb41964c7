package dev.cairn.launcher;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds boot's {@code SandboxSpec} for a {@link Cli.Layout}, by reflection on the boot
 * bundle's API classes (the launcher's class path has none of them).
 *
 * <p>A bind becomes {@code MountSpec(DEST, "bind", HOSTDIR, [rbind, ro|rw])}; a host root
 * {@code SandboxSpec.goferRoot(id, HOSTDIR, rootReadOnly, binds)}, with file access shared for
 * the root too when {@code --shared-root} is given (bind mounts are always shared). Host
 * directories are resolved to their real paths, which are what the gofers export and what
 * mountinfo shows as the source.
 */
final class SpecBuilder {
    /** The spec and the gofer exports its connections need, in hand-over order. */
    record Built(Object spec, List<Gofers.Use> uses) {
    }

    private final ClassLoader api;

    SpecBuilder(ClassLoader bootApi) {
        this.api = bootApi;
    }

    Object defaults(String id) throws ReflectiveOperationException {
        return api.loadClass("dev.cairn.boot.api.SandboxSpec").getMethod("defaults", String.class).invoke(null, id);
    }

    Built build(String id, Cli.Layout layout) throws CliException, ReflectiveOperationException {
        Class<?> specClass = api.loadClass("dev.cairn.boot.api.SandboxSpec");
        Class<?> mountClass = api.loadClass("dev.cairn.boot.api.MountSpec");
        List<Gofers.Use> uses = new ArrayList<>();
        Path root = null;
        if (layout.root() != null) {
            root = hostDir("--root", layout.root());
            uses.add(new Gofers.Use(new Gofers.Export(root, layout.rootReadOnly()), "/"));
        }
        List<Object> mounts = new ArrayList<>();
        for (Cli.Bind b : layout.binds()) {
            Path host = hostDir("--bind " + b.host() + ":" + b.dest(), b.host());
            Object mount = mountClass.getConstructor(String.class, String.class, String.class, List.class)
                    .newInstance(b.dest(), "bind", host.toString(), List.of("rbind", b.readOnly() ? "ro" : "rw"));
            if (!Boolean.TRUE.equals(mountClass.getMethod("servedByGofer").invoke(mount))) {
                throw new CliException("--bind " + b.host() + ":" + b.dest() + ": a sandbox always has devtmpfs at "
                        + "/dev and devpts at /dev/pts; bind the host directory elsewhere");
            }
            mounts.add(mount);
            uses.add(new Gofers.Use(new Gofers.Export(host, b.readOnly()), b.dest()));
        }
        Object spec;
        try {
            if (root != null) {
                spec = specClass.getMethod("goferRoot", String.class, String.class, boolean.class, List.class)
                        .invoke(null, id, root.toString(), layout.rootReadOnly(), mounts);
                if (layout.sharedRoot()) {
                    spec = withSharedRoot(spec, specClass);
                }
            } else {
                spec = specClass.getConstructor(String.class, String.class, String.class, boolean.class, List.class)
                        .newInstance(id, "tmpfs", "mode=0755", false, mounts);
            }
        } catch (InvocationTargetException e) {
            throw new CliException("sandbox '" + id + "': " + Reflect.unwrap(e).getMessage());
        }
        checkOrder(spec, uses);
        return new Built(spec, uses);
    }

    private Object withSharedRoot(Object spec, Class<?> specClass) throws ReflectiveOperationException {
        Class<?> accessClass = api.loadClass("dev.cairn.boot.api.FileAccess");
        Class<?> settingsClass = api.loadClass("dev.cairn.boot.api.FileAccessSettings");
        Object shared = accessClass.getField("SHARED").get(null);
        Object settings = settingsClass.getConstructor(accessClass, accessClass).newInstance(shared, shared);
        return specClass.getMethod("withFileAccess", settingsClass).invoke(spec, settings);
    }

    /** The spec's own hand-over order must be the one the gofers were planned in. */
    private static void checkOrder(Object spec, List<Gofers.Use> uses) throws CliException, ReflectiveOperationException {
        List<?> sources = (List<?>) spec.getClass().getMethod("goferSources").invoke(spec);
        List<String> planned = uses.stream().map(u -> u.export().dir().toString()).toList();
        if (!planned.equals(sources)) {
            throw new CliException("the sandbox expects gofer connections for " + sources + " but the launcher planned "
                    + planned);
        }
    }

    /** Fails, naming the option, unless every host directory of {@code layout} exists. */
    static void checkHostDirs(Cli.Layout layout) throws CliException {
        if (layout.root() != null) {
            hostDir("--root", layout.root());
        }
        for (Cli.Bind b : layout.binds()) {
            hostDir("--bind " + b.host() + ":" + b.dest(), b.host());
        }
    }

    /** The real path of an existing host directory, or a message naming the option. */
    private static Path hostDir(String option, Path dir) throws CliException {
        if (!Files.isDirectory(dir)) {
            throw new CliException(option + ": " + dir + (Files.exists(dir) ? ": Not a directory"
                    : ": No such file or directory"));
        }
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new CliException(option + ": " + dir + ": " + e.getMessage());
        }
    }
}
