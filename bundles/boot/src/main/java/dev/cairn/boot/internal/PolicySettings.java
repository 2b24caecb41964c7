package dev.cairn.boot.internal;

import dev.cairn.vfs.TypePolicy;
import java.util.Map;
import java.util.Set;

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

    static PolicySettings from(PolicyConfig config) {
        if (config == null) {
            return DEFAULTS;
        }
        return new PolicySettings(names(config.allowUserMount()), names(config.denyUserMount()),
                names(config.unlisted()), names(config.requiresDevice()), config.typeWaitMillis());
    }

    /** Entries trimmed; empty ones dropped; "a,b" in one entry split (a Felix console habit). */
    private static Set<String> names(String[] values) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        if (values != null) {
            for (String v : values) {
                if (v == null) {
                    continue;
                }
                for (String part : v.split(",")) {
                    String s = part.trim();
                    if (!s.isEmpty()) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
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
