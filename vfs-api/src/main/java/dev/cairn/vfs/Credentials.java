package dev.cairn.vfs;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who performs an operation: filesystem uid and gid, supplementary groups, and effective
 * capabilities. Immutable. {@link #root()} is uid 0 with every capability, as a container's
 * init in gVisor; {@link #user(int, int, int...)} has no capabilities.
 *
 * @param uid    filesystem user id
 * @param gid    filesystem group id
 * @param groups supplementary group ids (copied)
 * @param caps   effective capabilities (copied, unmodifiable)
 */
public record Credentials(int uid, int gid, int[] groups, Set<Capability> caps) {
    private static final Credentials ROOT =
            new Credentials(0, 0, new int[0], EnumSet.allOf(Capability.class));

    public Credentials {
        groups = groups == null ? new int[0] : groups.clone();
        caps = caps == null || caps.isEmpty()
                ? Set.of()
                : java.util.Collections.unmodifiableSet(EnumSet.copyOf(caps));
    }

    /** uid 0, gid 0, all capabilities. */
    public static Credentials root() {
        return ROOT;
    }

    /** An unprivileged user: no capabilities. */
    public static Credentials user(int uid, int gid, int... groups) {
        return new Credentials(uid, gid, groups, Set.of());
    }

    public boolean has(Capability cap) {
        return caps.contains(cap);
    }

    /** True when {@code g} is the primary group or one of the supplementary groups. */
    public boolean inGroup(int g) {
        if (g == gid) {
            return true;
        }
        for (int x : groups) {
            if (x == g) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int[] groups() {
        return groups.clone();
    }

    /** The same identity with {@code cap} added. */
    public Credentials with(Capability cap) {
        EnumSet<Capability> s = caps.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(caps);
        s.add(cap);
        return new Credentials(uid, gid, groups, s);
    }

    /** The same identity with {@code cap} removed. */
    public Credentials without(Capability cap) {
        EnumSet<Capability> s = caps.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(caps);
        s.remove(cap);
        return new Credentials(uid, gid, groups, s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && c.uid == uid && c.gid == gid
                && Arrays.equals(c.groups, groups) && c.caps.equals(caps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uid, gid, Arrays.hashCode(groups), caps);
    }

    @Override
    public String toString() {
        return "Credentials[uid=" + uid + ", gid=" + gid + ", groups=" + Arrays.toString(groups)
                + ", caps=" + caps + "]";
    }
}
