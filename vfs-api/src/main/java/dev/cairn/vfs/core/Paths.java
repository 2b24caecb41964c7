package dev.cairn.vfs.core;

import java.util.ArrayList;
import java.util.List;

/** Path names of (mount, dentry) pairs, as getcwd, /proc/self/fd and mountinfo show them. */
final class Paths {
    private Paths() {
    }

    /**
     * The absolute path of (m, d) as seen from (rootM, rootD), or, when rootM is null, from
     * the root of m's namespace. Null when it is not reachable from that root.
     * Caller holds the mount lock.
     */
    static String absolutePathLocked(MountImpl m, Dentry d, MountImpl rootM, Dentry rootD) {
        List<String> names = new ArrayList<>();
        for (;;) {
            if (rootM != null && m == rootM && d == rootD) {
                break;
            }
            if (d == m.root) {
                MountImpl p = m.parentMount();
                if (p == null || !m.isAttached()) {
                    if (rootM == null && m.isAttached()) {
                        break;
                    }
                    return null;
                }
                d = m.mountpointDentry();
                m = p;
                continue;
            }
            Dentry parent = d.parent;
            if (parent == null) {
                return null;
            }
            names.add(d.name);
            d = parent;
        }
        return join(names);
    }

    /** The path of {@code d} from its filesystem's root (mountinfo's ROOT column). */
    static String pathInFs(Dentry d) {
        List<String> names = new ArrayList<>();
        for (Dentry x = d; x.parent != null; x = x.parent) {
            names.add(x.name);
        }
        return join(names);
    }

    private static String join(List<String> reversed) {
        if (reversed.isEmpty()) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = reversed.size() - 1; i >= 0; i--) {
            sb.append('/').append(reversed.get(i));
        }
        return sb.toString();
    }

    /** As /proc/self/fd shows (m, d) from a task root; " (deleted)" for a removed node. */
    static String displayPath(CoreVfs vfs, MountImpl m, Dentry d, MountImpl rootM, Dentry rootD) {
        String p;
        synchronized (vfs.mountLock) {
            p = absolutePathLocked(m, d, rootM, rootD);
        }
        if (p == null) {
            p = pathInFs(d);
        }
        return deleted(d) ? p + " (deleted)" : p;
    }

    /** True when {@code d} or one of its ancestors was removed. */
    static boolean deleted(Dentry d) {
        for (Dentry x = d; x != null; x = x.parent) {
            if (x.dead) {
                return true;
            }
        }
        return false;
    }
}
