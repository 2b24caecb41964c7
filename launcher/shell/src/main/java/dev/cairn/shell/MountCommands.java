package dev.cairn.shell;

import dev.cairn.boot.api.Sandbox;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountFlags;
import dev.cairn.vfs.Task;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** mount, umount, mounts and filesystems on a Task, worded like util-linux. */
final class MountCommands {
    private final Task task;
    private final PrintStream out;

    MountCommands(Task task, PrintStream out) {
        this.task = task;
        this.out = out;
    }

    /** MS_* flags and fs data split out of a {@code -o} option string. */
    record Options(int flags, String data) {
        static Options parse(String opts) {
            int flags = 0;
            List<String> data = new ArrayList<>();
            if (opts != null && !opts.isEmpty()) {
                for (String o : opts.split(",")) {
                    switch (o) {
                        case "ro" -> flags |= MountFlags.MS_RDONLY;
                        case "rw" -> flags &= ~MountFlags.MS_RDONLY;
                        case "nosuid" -> flags |= MountFlags.MS_NOSUID;
                        case "nodev" -> flags |= MountFlags.MS_NODEV;
                        case "noexec" -> flags |= MountFlags.MS_NOEXEC;
                        case "noatime" -> flags |= MountFlags.MS_NOATIME;
                        case "bind" -> flags |= MountFlags.MS_BIND;
                        case "rbind" -> flags |= MountFlags.MS_BIND | MountFlags.MS_REC;
                        case "remount" -> flags |= MountFlags.MS_REMOUNT;
                        case "suid", "dev", "exec", "atime", "defaults", "" -> {
                        }
                        default -> data.add(o);
                    }
                }
            }
            return new Options(flags, String.join(",", data));
        }
    }

    void mount(String[] argv) throws ShellException {
        Args a = Args.parse("mount", argv, "", "to");
        List<String> ops = a.operands();
        if (ops.isEmpty() && a.value('t') == null && a.value('o') == null) {
            listMounts();
            return;
        }
        if (ops.size() != 2) {
            throw new ShellException("mount: bad usage (mount -t TYPE [-o OPTIONS] SOURCE TARGET)");
        }
        String source = ops.get(0);
        String target = ops.get(1);
        Options o = Options.parse(a.value('o'));
        String type = a.value('t');
        if (type == null && (o.flags() & MountFlags.MS_BIND) == 0) {
            throw new ShellException("mount: " + target + ": no filesystem type specified (use -t TYPE).");
        }
        try {
            task.mount(source, target, type == null ? "none" : type, o.flags(), o.data());
        } catch (ErrnoException e) {
            throw new ShellException("mount: " + target + ": " + mountWhy(e, type, source) + ".");
        }
    }

    private static String mountWhy(ErrnoException e, String type, String source) {
        return switch (e.errno()) {
            case ENODEV -> "unknown filesystem type '" + type + "'";
            case ENOENT -> "mount point does not exist";
            case ENOTDIR -> "mount point is not a directory";
            case EPERM -> "permission denied";
            case EBUSY -> source + " already mounted or mount point busy";
            case EINVAL -> "wrong fs type, bad option, bad superblock on " + source
                    + ", missing codepage or helper program, or other error (" + e.detail() + ")";
            default -> FileCommands.why(e);
        };
    }

    /** {@code mount} without operands: "SOURCE on TARGET type TYPE (OPTIONS)" per mount. */
    private void listMounts() {
        for (String line : task.vfs().mounts(task).split("\n")) {
            String[] f = line.split(" ");
            if (f.length >= 4) {
                out.println(f[0] + " on " + f[1] + " type " + f[2] + " (" + f[3] + ")");
            }
        }
        out.flush();
    }

    void umount(String[] argv) throws ShellException {
        Args a = Args.parse("umount", argv, "lf", "");
        List<String> errors = new ArrayList<>();
        for (String target : a.operands("umount", 1)) {
            int flags = (a.has('l') ? MountFlags.MNT_DETACH : 0) | (a.has('f') ? MountFlags.MNT_FORCE : 0);
            try {
                task.umount(target, flags);
            } catch (ErrnoException e) {
                errors.add("umount: " + target + ": " + umountWhy(e) + ".");
            }
        }
        FileCommands.failIfAny(errors);
    }

    private static String umountWhy(ErrnoException e) {
        if (e.errno() == Errno.EINVAL) {
            return "not mounted";
        }
        if (e.errno() == Errno.EBUSY) {
            return "target is busy";
        }
        if (e.errno() == Errno.ENOENT) {
            return "no mount point specified";
        }
        return FileCommands.why(e);
    }

    /** The task's mount table in /proc/mounts format. */
    void mounts() {
        out.print(task.vfs().mounts(task));
        out.flush();
    }

    void filesystems() {
        out.print(task.vfs().filesystemsText());
        out.flush();
    }

    /** One line per running sandbox; the session's own is marked with '*'. */
    static void sandboxes(List<Sandbox> all, Sandbox current, PrintStream out) {
        for (Sandbox s : all) {
            List<String> pending = s.pendingMounts();
            out.println((s == current ? "* " : "  ") + s.id() + "  " + s.mountNamespace().mounts().size() + " mounts"
                    + (pending.isEmpty() ? "" : "  pending: " + String.join(", ", pending)));
        }
        out.flush();
    }
}
