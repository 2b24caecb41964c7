package dev.cairn.boot.internal;

import dev.cairn.vfs.TypePolicy;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registration policy in effect: the built-in table of SEMANTICS.md, adjusted by the
 * configuration. Third-party types (not in the table) default to {@link TypePolicy#LIST_ONLY}.
 *
 * <p>Precedence for AllowUserMount: {@code denyUserMount} over {@code allowUserMount} over
 * the table. {@code unlisted} clears AllowUserList, {@code requiresDevice} sets RequiresDevice.
 *
 * @param allowUserMount types made user-mountable
 * @param denyUserMount  types made not user-mountable
 * @param unlisted       types hidden from /proc/filesystems
 * @param requiresDevice types that require a device
 * @param typeWaitMillis bounded wait for the types a spec needs
 */
record PolicySettings(Set<String> allowUserMount, Set<String> denyUserMount, Set<String> unlisted,
                      Set<String> requiresDevice, long typeWaitMillis) {
    static final long DEFAULT_TYPE_WAIT_MILLIS = 5000;
    private static final Logger LOG = LoggerFactory.getLogger(PolicySettings.class);

    /** SEMANTICS.md "Registration": spec name → (AllowUserMount, AllowUserList). */
    static final Map<String, TypePolicy> TABLE = Map.of(
            "devpts", new TypePolicy(false, true, false),
            "devtmpfs", TypePolicy.USER_MOUNTABLE,
            "9p", new TypePolicy(false, true, false),
            "overlay", TypePolicy.USER_MOUNTABLE,
            "proc", TypePolicy.USER_MOUNTABLE,
            "sysfs", TypePolicy.USER_MOUNTABLE,
            "tmpfs", TypePolicy.USER_MOUNTABLE,
            "fuse", TypePolicy.USER_MOUNTABLE);

    static final PolicySettings DEFAULTS =
            new PolicySettings(Set.of(), Set.of(), Set.of(), Set.of(), DEFAULT_TYPE_WAIT_MILLIS);

    PolicySettings {
        allowUserMount = Set.copyOf(allowUserMount);
        denyUserMount = Set.copyOf(denyUserMount);
        unlisted = Set.copyOf(unlisted);
        requiresDevice = Set.copyOf(requiresDevice);
        typeWaitMillis = Math.max(0, typeWaitMillis);
    }

    /**
     * The settings in a component's configuration properties. Lenient, so that no value can
     * stop boot: a list is a String[], a Collection or one String ("a,b", or FileInstall's
     * {@code ["a","b"]} written into a .cfg); a bad {@code typeWaitMillis} is logged and the
     * default used.
     */
    static PolicySettings from(Map<String, ?> props) {
        if (props == null) {
            return DEFAULTS;
        }
        return new PolicySettings(names(props.get("allowUserMount")), names(props.get("denyUserMount")),
                names(props.get("unlisted")), names(props.get("requiresDevice")),
                millis(props.get("typeWaitMillis")));
    }

    private static long millis(Object value) {
        if (value == null) {
            return DEFAULT_TYPE_WAIT_MILLIS;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            LOG.warn("{}: typeWaitMillis \"{}\" is not a number; using {} ms", dev.cairn.boot.api.SandboxManager.POLICY_PID,
                    value, DEFAULT_TYPE_WAIT_MILLIS);
            return DEFAULT_TYPE_WAIT_MILLIS;
        }
    }

    private static Set<String> names(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof String[] array) {
            for (String v : array) {
                split(v, out);
            }
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> split(v == null ? null : String.valueOf(v), out));
        } else if (value != null) {
            split(String.valueOf(value), out);
        }
        return out;
    }

    /** Entries trimmed, quotes and brackets dropped, empty ones skipped. */
    private static void split(String v, Set<String> out) {
        if (v == null) {
            return;
        }
        String body = v.trim();
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1);
        }
        for (String part : body.split(",")) {
            String n = part.trim();
            if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
                n = n.substring(1, n.length() - 1).trim();
            }
            if (!n.isEmpty()) {
                out.add(n);
            }
        }
    }

    /** The policy a type named {@code name} is registered with. */
    TypePolicy policyFor(String name) {
        TypePolicy base = TABLE.getOrDefault(name, TypePolicy.LIST_ONLY);
        boolean userMount = base.allowUserMount() || allowUserMount.contains(name);
        if (denyUserMount.contains(name)) {
            userMount = false;
        }
        boolean listed = base.allowUserList() && !unlisted.contains(name);
        boolean device = base.requiresDevice() || requiresDevice.contains(name);
        return new TypePolicy(userMount, listed, device);
    }
}
