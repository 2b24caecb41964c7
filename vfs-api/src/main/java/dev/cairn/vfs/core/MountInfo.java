package dev.cairn.vfs.core;

import dev.cairn.vfs.MountFlags;
import dev.cairn.vfs.StatFs;
import java.util.ArrayList;
import java.util.List;

/** The text of /proc/self/mountinfo and /proc/self/mounts, as Linux formats it. */
final class MountInfo {
    private MountInfo() {
    }

    private record Row(MountImpl m, String mountPoint, int parentId) {
    }

    private static List<Row> visible(CoreVfs vfs, TaskImpl t) {
        List<Row> rows = new ArrayList<>();
        synchronized (vfs.mountLock) {
            List<MountImpl> all = new ArrayList<>();
            NamespaceImpl.collectLocked(t.ns.root, all);
            MountImpl rootM = t.rootMount();
            Dentry rootD = t.rootDentry();
            for (MountImpl m : all) {
                String mp = Paths.absolutePathLocked(m, m.root, rootM, rootD);
                if (mp == null) {
                    continue;
                }
                MountImpl p = m.parentMount();
                rows.add(new Row(m, mp, p == null ? m.id : p.id));
            }
        }
        return rows;
    }

    static String mountInfo(CoreVfs vfs, TaskImpl t) {
        StringBuilder sb = new StringBuilder();
        for (Row r : visible(vfs, t)) {
            MountImpl m = r.m();
            sb.append(m.id).append(' ').append(r.parentId()).append(' ')
                    .append(0).append(':').append(m.fsi.devMinor).append(' ');
            escape(sb, Paths.pathInFs(m.root));
            sb.append(' ');
            escape(sb, r.mountPoint());
            sb.append(' ').append(mountOptions(m.flags())).append(" - ");
            escape(sb, m.type());
            sb.append(' ');
            escape(sb, m.source());
            sb.append(' ').append(superOptions(m)).append('\n');
        }
        return sb.toString();
    }

    static String mounts(CoreVfs vfs, TaskImpl t) {
        StringBuilder sb = new StringBuilder();
        for (Row r : visible(vfs, t)) {
            MountImpl m = r.m();
            escape(sb, m.source());
            sb.append(' ');
            escape(sb, r.mountPoint());
            sb.append(' ');
            escape(sb, m.type());
            boolean ro = m.readOnly() || m.fsi.readOnly;
            sb.append(' ').append(ro ? "ro" : "rw").append(mountFlagOptions(m.flags()));
            String so = fsOptions(m);
            if (!so.isEmpty()) {
                sb.append(',').append(so);
            }
            sb.append(" 0 0\n");
        }
        return sb.toString();
    }

    /** Per-mount options: rw|ro, nosuid, nodev, noexec, noatime|relatime. */
    static String mountOptions(int flags) {
        return ((flags & MountFlags.MS_RDONLY) != 0 ? "ro" : "rw") + mountFlagOptions(flags);
    }

    private static String mountFlagOptions(int flags) {
        StringBuilder sb = new StringBuilder();
        if ((flags & MountFlags.MS_NOSUID) != 0) {
            sb.append(",nosuid");
        }
        if ((flags & MountFlags.MS_NODEV) != 0) {
            sb.append(",nodev");
        }
        if ((flags & MountFlags.MS_NOEXEC) != 0) {
            sb.append(",noexec");
        }
        sb.append((flags & MountFlags.MS_NOATIME) != 0 ? ",noatime" : ",relatime");
        return sb.toString();
    }

    private static String superOptions(MountImpl m) {
        String so = fsOptions(m);
        String base = m.fsi.readOnly ? "ro" : "rw";
        return so.isEmpty() ? base : base + "," + so;
    }

    private static String fsOptions(MountImpl m) {
        try {
            String s = m.fsi.fs.superOptions();
            return s == null ? "" : s;
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }

    /** Octal escapes for space, tab, newline and backslash (Linux's mangle). */
    static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case ' ' -> sb.append("\\040");
                case '\t' -> sb.append("\\011");
                case '\n' -> sb.append("\\012");
                case '\\' -> sb.append("\\134");
                default -> sb.append(c);
            }
        }
    }

    /** statfs f_flags as Linux reports them: ST_* bits of the mount (and superblock) flags. */
    static StatFs withMountFlags(StatFs s, MountImpl m) {
        int f = m.flags();
        long st = (f & dev.cairn.vfs.MountFlags.MS_RDONLY) != 0 || m.fsi.readOnly ? 1 : 0;
        st |= f & (dev.cairn.vfs.MountFlags.MS_NOSUID | dev.cairn.vfs.MountFlags.MS_NODEV
                | dev.cairn.vfs.MountFlags.MS_NOEXEC | dev.cairn.vfs.MountFlags.MS_NOATIME);
        if ((f & dev.cairn.vfs.MountFlags.MS_NOATIME) == 0) {
            st |= ST_RELATIME;
        }
        return new StatFs(s.type(), s.blockSize(), s.blocks(), s.blocksFree(), s.blocksAvailable(), s.files(),
                s.filesFree(), s.nameMax(), st);
    }

    /** Linux's ST_RELATIME statvfs flag. */
    static final long ST_RELATIME = 4096;
}
