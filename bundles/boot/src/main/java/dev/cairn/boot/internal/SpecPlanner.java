package dev.cairn.boot.internal;

import dev.cairn.boot.api.MountSpec;
import dev.cairn.boot.api.SandboxSpec;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountFlags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link SandboxSpec} into the mounts boot makes (SEMANTICS.md "Container mount
 * setup", steps 1, 2, 3, 5, 6 and 8): destinations cleaned, /dev forced to devtmpfs and added
 * when absent, each spec type translated, flags and data split, gofer connections assigned in
 * spec order (the root's first), then sorted by destination length, stably (the reference's
 * sort is not stable; ties keep spec order here). Connections are assigned here, before the
 * sort, so the order the creator hands them over in is the spec's; a count that does not
 * match fails before anything is mounted.
 *
 * <p>Types: devpts, devtmpfs, proc and sysfs get no data; {@code none} becomes sysfs;
 * tmpfs keeps only mode, uid, gid and size (an option with more than one '=' is EINVAL);
 * {@code bind} (or the {@code bind}/{@code rbind} option) becomes {@code 9p} over the next
 * connection (none left: EINVAL "9P mount requires a connection"), data
 * {@code trans=fd,rfdno=N,wfdno=N} plus the mounts' cache mode, no other spec option
 * forwarded. Left-over connections: EINVAL "not all gofer connections were consumed". Any other type
 * (cgroup, or a type boot does not know how to translate) is warned about and skipped.
 */
final class SpecPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(SpecPlanner.class);
    private static final Set<String> NO_DATA_TYPES = Set.of("devpts", "devtmpfs", "proc", "sysfs");
    private static final Set<String> TMPFS_KEYS = Set.of("mode", "uid", "gid", "size");

    /**
     * What a sandbox is mounted from.
     *
     * @param root         the root mount (destination "/")
     * @param submounts    submounts in mount order
     * @param explicitTmp  whether a spec mount targets /tmp (then the /tmp rule does nothing)
     */
    record Plan(PlannedMount root, List<PlannedMount> submounts, boolean explicitTmp) {
        /** Types the plan mounts, root first; tmpfs too when the /tmp rule may need it. */
        Set<String> neededTypes() {
            Set<String> out = new LinkedHashSet<>();
            out.add(root.type());
            submounts.forEach(m -> out.add(m.type()));
            if (!explicitTmp) {
                out.add("tmpfs");
            }
            return out;
        }
    }

    private SpecPlanner() {
    }

    static Plan plan(SandboxSpec spec) throws ErrnoException {
        return plan(spec, 0);
    }

    /** The plan of {@code spec} served by {@code connections} gofer connections. */
    static Plan plan(SandboxSpec spec, int connections) throws ErrnoException {
        if (spec == null) {
            throw Errno.EINVAL.exception("sandbox spec is null");
        }
        if (spec.id() == null || spec.id().isBlank()) {
            throw Errno.EINVAL.exception("sandbox spec: id is empty");
        }
        if (spec.rootType() == null || spec.rootType().isBlank()) {
            throw Errno.EINVAL.exception("sandbox " + spec.id() + ": rootType is empty");
        }
        int rootFlags = spec.readOnlyRoot() ? MountFlags.MS_RDONLY : 0;
        int[] next = {0};
        PlannedMount root;
        if (spec.rootType().equals(Gofer.TYPE)) {
            int c = take(next, connections, "sandbox " + spec.id() + ": root (9p " + spec.rootSource() + ")");
            root = new PlannedMount("/", Gofer.TYPE, spec.rootSource(), rootFlags, Gofer.rootData(c,
                    spec.fileAccess().root(), spec.rootOptions(), "sandbox " + spec.id() + ": rootOptions"), c);
        } else {
            root = new PlannedMount("/", spec.rootType(), spec.rootSource(), rootFlags, spec.rootOptions());
        }
        List<PlannedMount> subs = new ArrayList<>();
        boolean haveDev = false;
        boolean explicitTmp = false;
        for (int i = 0; i < spec.mounts().size(); i++) {
            MountSpec m = spec.mounts().get(i);
            String field = "sandbox " + spec.id() + ": mounts[" + i + "]";
            String dest = destination(m, field);
            haveDev |= dest.equals("/dev");
            explicitTmp |= dest.equals("/tmp");
            PlannedMount p = translate(m, dest, field);
            if (p != null && p.type().equals("bind")) {
                int c = take(next, connections, field + " (bind " + m.source() + " on " + dest + ")");
                p = new PlannedMount(dest, Gofer.TYPE, p.source(), p.flags(),
                        Gofer.mountData(c, spec.fileAccess().mounts()), c);
            }
            if (p != null) {
                subs.add(p);
            }
        }
        if (next[0] < connections) {
            throw Errno.EINVAL.exception("sandbox " + spec.id() + ": not all gofer connections were consumed ("
                    + (connections - next[0]) + " of " + connections + " left)");
        }
        if (!haveDev) {
            subs.add(0, new PlannedMount("/dev", "devtmpfs", "none", 0, ""));
        }
        subs.sort(Comparator.comparingInt(p -> p.destination().length()));
        return new Plan(root, List.copyOf(subs), explicitTmp);
    }

    private static String destination(MountSpec m, String field) throws ErrnoException {
        if (m == null) {
            throw Errno.EINVAL.exception(field + " is null");
        }
        String d = m.destination();
        if (d == null || !d.startsWith("/")) {
            throw Errno.EINVAL.exception(field + ".destination \"" + d + "\" is not an absolute path");
        }
        if (d.indexOf('\0') >= 0) {
            throw Errno.EINVAL.exception(field + ".destination contains a NUL byte");
        }
        return Paths.clean(d);
    }

    /** The planned mount, or null when the type is skipped. */
    private static PlannedMount translate(MountSpec m, String dest, String field) throws ErrnoException {
        String type = m.type() == null ? "" : m.type();
        if (m.options().contains("bind") || m.options().contains("rbind")) {
            type = "bind";
        }
        if (dest.equals("/dev")) {
            type = "devtmpfs";
        } else if (dest.equals("/dev/pts")) {
            type = "devpts";
        }
        String data;
        if (type.equals("none")) {
            type = "sysfs";
            data = "";
        } else if (NO_DATA_TYPES.contains(type)) {
            data = "";
        } else if (type.equals("tmpfs")) {
            data = tmpfsData(m.options(), field);
        } else if (type.equals("bind")) {
            data = "";
        } else {
            LOG.warn("{}: ignoring unknown filesystem type \"{}\" for {}", field, m.type(), dest);
            return null;
        }
        int flags = flags(m.options(), type, field);
        String source = m.source() == null || m.source().isEmpty() ? "none" : m.source();
        return new PlannedMount(dest, type, source, flags, data);
    }

    /** The next connection's index; EINVAL "9P mount requires a connection" when none is left. */
    private static int take(int[] next, int connections, String what) throws ErrnoException {
        if (next[0] >= connections) {
            throw Gofer.noConnection(what);
        }
        return next[0]++;
    }

    /** Step 6: tmpfs keeps mode, uid, gid, size; "a=b=c" is an error; others dropped. */
    static String tmpfsData(List<String> options, String field) throws ErrnoException {
        List<String> kept = new ArrayList<>();
        for (String o : options) {
            String[] kv = o.split("=", -1);
            if (kv.length > 2) {
                throw Errno.EINVAL.exception(field + ": invalid tmpfs option \"" + o + "\"");
            }
            if (TMPFS_KEYS.contains(kv[0])) {
                kept.add(o);
            }
        }
        return String.join(",", kept);
    }

    /** OCI flag options to MS_* bits; data options and no-ops are not warned about. */
    static int flags(List<String> options, String type, String field) {
        int flags = 0;
        for (String o : options) {
            switch (o) {
                case "rw" -> flags &= ~MountFlags.MS_RDONLY;
                case "ro" -> flags |= MountFlags.MS_RDONLY;
                case "noatime" -> flags |= MountFlags.MS_NOATIME;
                case "noexec" -> flags |= MountFlags.MS_NOEXEC;
                case "nosuid" -> flags |= MountFlags.MS_NOSUID;
                case "nodev" -> flags |= MountFlags.MS_NODEV;
                case "bind", "rbind" -> { }
                default -> {
                    String key = o.split("=", 2)[0];
                    if (!(type.equals("tmpfs") && TMPFS_KEYS.contains(key))) {
                        LOG.warn("{}: ignoring unknown mount option \"{}\"", field, o);
                    }
                }
            }
        }
        return flags;
    }
}
