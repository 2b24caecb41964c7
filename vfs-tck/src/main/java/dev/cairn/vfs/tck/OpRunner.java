package dev.cairn.vfs.tck;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Dirent;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.Task;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs an oracle op sequence on a {@link Task}, producing the same result strings the host
 * script ({@code oracle.py}) produces: "ok", "ok value", an errno name, or "X ..." for an
 * exception that is not an {@link ErrnoException} (a bug in the VFS or filesystem).
 *
 * <p>The op language (paths relative to the case root, modes octal):
 * {@code mkdir P MODE | rmdir P | unlink P | put P [TEXT] | cat P | open SLOT P FLAGS [MODE] |
 * close SLOT | write SLOT TEXT | read SLOT N | pread SLOT N OFF | pwrite SLOT TEXT OFF |
 * lseek SLOT OFF SET|CUR|END|DATA|HOLE | fstat SLOT | ftruncate SLOT LEN | fls SLOT | stat P |
 * lstat P | same P Q | symlink TARGET P | readlink P | link OLD NEW | linkf OLD NEW |
 * rename OLD NEW [0|NOREPLACE|EXCHANGE|BOTH] | chmod P MODE | chown P UID GID | lchown P UID GID |
 * truncate P LEN | access P f|rwx | mknod P 0|d|c|b|p|f|s MODE [MAJ MIN] | ls P |
 * setxattr P NAME VALUE [0|create|replace] | lsetxattr ... | getxattr P NAME | listxattr P |
 * removexattr P NAME | as UID GID [GROUPS...] | as 0 | umask MASK | chdir P | getcwd | ro (the case root's
 * mount becomes read-only) |
 * utime P now | utime P ATIME_NS MTIME_NS}.
 * A stat prints as {@code "reg 0644 n1 u0 g0 s5"} (size for regular files and symlinks only,
 * {@code r MAJ:MIN} for devices); "cat"/"read" show NUL bytes as '0'. "ls" and "fls" list
 * through getdents64 itself (the host script calls the syscall: glibc's readdir would turn
 * the kernel's ENOENT for a removed directory into an empty listing).
 */
public final class OpRunner {
    /** A listing of more than 2000 × 64 entries means the cookies loop. */
    private static final int MAX_GETDENTS_ROUNDS = 2000;
    private final Task task;
    private final Map<String, Integer> fds = new HashMap<>();

    public OpRunner(Task task) {
        this.task = task;
    }

    /** Runs every op, never stopping at a failure (later results show its consequences). */
    public List<String> run(List<List<String>> ops) {
        List<String> out = new ArrayList<>();
        for (List<String> op : ops) {
            out.add(runOne(op));
        }
        return out;
    }

    String runOne(List<String> op) {
        try {
            return exec(op.get(0), op.subList(1, op.size()));
        } catch (ErrnoException e) {
            return e.errno().name();
        } catch (RuntimeException | LinkageError e) {
            return "X " + e;
        }
    }

    /** Host output "E#2" becomes "ENOENT"; everything else is kept. */
    public static String normalizeHost(String result) {
        if (result.startsWith("E#")) {
            return Errno.of(Integer.parseInt(result.substring(2))).name();
        }
        return result;
    }

    private String exec(String name, List<String> a) throws ErrnoException {
        switch (name) {
            case "mkdir" -> task.mkdir(a.get(0), oct(a.get(1)));
            case "rmdir" -> task.rmdir(a.get(0));
            case "unlink" -> task.unlink(a.get(0));
            case "put" -> put(a.get(0), a.size() > 1 ? a.get(1) : "");
            case "cat" -> {
                return "ok " + cat(a.get(0));
            }
            case "open" -> fds.put(a.get(0), task.open(a.get(1), flags(a.get(2)), a.size() > 3 ? oct(a.get(3)) : 0666));
            case "close" -> task.close(fd(a.get(0)));
            case "write" -> {
                return "ok " + task.write(fd(a.get(0)), bytes(a.get(1)));
            }
            case "read" -> {
                ByteBuffer b = ByteBuffer.allocate(Integer.parseInt(a.get(1)));
                task.read(fd(a.get(0)), b);
                return "ok " + text(b);
            }
            case "pread" -> {
                ByteBuffer b = ByteBuffer.allocate(Integer.parseInt(a.get(1)));
                task.pread(fd(a.get(0)), b, Long.parseLong(a.get(2)));
                return "ok " + text(b);
            }
            case "pwrite" -> {
                return "ok " + task.pwrite(fd(a.get(0)), bytes(a.get(1)), Long.parseLong(a.get(2)));
            }
            case "lseek" -> {
                return "ok " + task.lseek(fd(a.get(0)), Long.parseLong(a.get(1)), whence(a.get(2)));
            }
            case "fstat" -> {
                return "ok " + format(task.fstat(fd(a.get(0))));
            }
            case "ftruncate" -> task.ftruncate(fd(a.get(0)), Long.parseLong(a.get(1)));
            case "fls" -> {
                return "ok " + list(fd(a.get(0)));
            }
            case "stat" -> {
                return "ok " + format(task.stat(a.get(0)));
            }
            case "lstat" -> {
                return "ok " + format(task.lstat(a.get(0)));
            }
            case "same" -> {
                return "ok " + (task.stat(a.get(0)).ino() == task.stat(a.get(1)).ino());
            }
            default -> {
                return execMore(name, a);
            }
        }
        return "ok";
    }

    private String execMore(String name, List<String> a) throws ErrnoException {
        int cwd = AtFlags.AT_FDCWD;
        switch (name) {
            case "symlink" -> task.symlink(a.get(0), a.get(1));
            case "readlink" -> {
                return "ok " + task.readlink(a.get(0));
            }
            case "link" -> task.linkat(cwd, a.get(0), cwd, a.get(1), 0);
            case "linkf" -> task.linkat(cwd, a.get(0), cwd, a.get(1), AtFlags.AT_SYMLINK_FOLLOW);
            case "rename" -> task.renameat2(cwd, a.get(0), cwd, a.get(1), a.size() > 2 ? renameFlags(a.get(2)) : 0);
            case "chmod" -> task.fchmodat(cwd, a.get(0), oct(a.get(1)), 0);
            case "chown" -> task.fchownat(cwd, a.get(0), Integer.parseInt(a.get(1)), Integer.parseInt(a.get(2)), 0);
            case "lchown" -> task.fchownat(cwd, a.get(0), Integer.parseInt(a.get(1)), Integer.parseInt(a.get(2)),
                    AtFlags.AT_SYMLINK_NOFOLLOW);
            case "truncate" -> task.truncate(a.get(0), Long.parseLong(a.get(1)));
            case "access" -> task.faccessat(cwd, a.get(0), access(a.get(1)), 0);
            case "mknod" -> task.mknodat(cwd, a.get(0), nodeType(a.get(1)) | oct(a.get(2)),
                    a.size() > 4 ? Integer.parseInt(a.get(3)) : 0, a.size() > 4 ? Integer.parseInt(a.get(4)) : 0);
            case "ls" -> {
                int fd = task.open(a.get(0), OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY, 0);
                try {
                    return "ok " + list(fd);
                } finally {
                    task.close(fd);
                }
            }
            case "setxattr", "lsetxattr" -> task.setxattr(a.get(0), a.get(1), a.get(2).getBytes(StandardCharsets.UTF_8),
                    a.size() > 3 ? xattrFlags(a.get(3)) : 0, name.equals("setxattr"));
            case "getxattr" -> {
                return "ok " + new String(task.getxattr(a.get(0), a.get(1), true), StandardCharsets.ISO_8859_1);
            }
            case "listxattr" -> {
                return "ok " + task.listxattr(a.get(0), true).stream()
                        .filter(n -> n.startsWith("user.") || n.startsWith("trusted."))
                        .sorted().collect(Collectors.joining(","));
            }
            case "removexattr" -> task.removexattr(a.get(0), a.get(1), true);
            case "as" -> task.setCredentials(credentials(a));
            case "umask" -> task.umask(oct(a.get(0)));
            case "chdir" -> task.chdir(a.get(0));
            case "getcwd" -> {
                return "ok " + task.getcwd();
            }
            case "ro" -> task.vfs().setMountReadOnly(task.mountNamespace().root(), true);
            case "utime" -> {
                long at = a.get(1).equals("now") ? Task.UTIME_NOW : Long.parseLong(a.get(1));
                long mt = a.get(1).equals("now") ? Task.UTIME_NOW : Long.parseLong(a.get(2));
                task.utimensat(cwd, a.get(0), at, mt, 0);
            }
            default -> throw new IllegalArgumentException("unknown oracle op " + name);
        }
        return "ok";
    }

    private void put(String path, String data) throws ErrnoException {
        int fd = task.open(path, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, 0666);
        try {
            task.write(fd, bytes(data));
        } finally {
            task.close(fd);
        }
    }

    private String cat(String path) throws ErrnoException {
        int fd = task.open(path, OpenFlags.O_RDONLY, 0);
        try {
            StringBuilder sb = new StringBuilder();
            ByteBuffer b = ByteBuffer.allocate(65536);
            while (task.read(fd, b.clear()) > 0) {
                sb.append(text(b));
            }
            return sb.toString();
        } finally {
            task.close(fd);
        }
    }

    private String list(int fd) throws ErrnoException {
        List<String> names = new ArrayList<>();
        for (int round = 0; ; round++) {
            if (round == MAX_GETDENTS_ROUNDS) {
                throw new IllegalStateException("getdents did not reach the end in " + round + " calls");
            }
            List<Dirent> batch = task.getdents(fd, 64);
            if (batch.isEmpty()) {
                break;
            }
            for (Dirent d : batch) {
                if (!d.name().equals(".") && !d.name().equals("..")) {
                    names.add(d.name());
                }
            }
        }
        names.sort(null);
        return String.join(",", names);
    }

    /** The stat format shared with the host script. */
    public static String format(Stat st) {
        FileType t = st.type();
        String kind = switch (t) {
            case REGULAR -> "reg";
            case DIRECTORY -> "dir";
            case SYMLINK -> "lnk";
            case CHAR_DEVICE -> "chr";
            case BLOCK_DEVICE -> "blk";
            case FIFO -> "fifo";
            case SOCKET -> "sock";
        };
        StringBuilder sb = new StringBuilder(String.format("%s %04o n%d u%d g%d", kind, st.permissions(), st.nlink(),
                st.uid(), st.gid()));
        if (t == FileType.REGULAR || t == FileType.SYMLINK) {
            sb.append(" s").append(st.size());
        }
        if (t == FileType.CHAR_DEVICE || t == FileType.BLOCK_DEVICE) {
            sb.append(" r").append(st.rdevMajor()).append(':').append(st.rdevMinor());
        }
        return sb.toString();
    }

    private int fd(String slot) throws ErrnoException {
        Integer fd = fds.get(slot);
        if (fd == null) {
            throw Errno.EBADF.exception("slot " + slot + " was never opened");
        }
        return fd;
    }

    private static Credentials credentials(List<String> a) {
        if (a.get(0).equals("0")) {
            return Credentials.root();
        }
        int[] groups = a.subList(2, a.size()).stream().mapToInt(Integer::parseInt).toArray();
        return Credentials.user(Integer.parseInt(a.get(0)), Integer.parseInt(a.get(1)), groups);
    }

    static int flags(String names) {
        int v = 0;
        for (String n : names.split("\\|")) {
            try {
                v |= OpenFlags.class.getField(n).getInt(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("unknown open flag " + n, e);
            }
        }
        return v;
    }

    private static int whence(String w) {
        return switch (w) {
            case "SET" -> AtFlags.SEEK_SET;
            case "CUR" -> AtFlags.SEEK_CUR;
            case "END" -> AtFlags.SEEK_END;
            case "DATA" -> AtFlags.SEEK_DATA;
            case "HOLE" -> AtFlags.SEEK_HOLE;
            default -> throw new IllegalArgumentException("whence " + w);
        };
    }

    private static int renameFlags(String f) {
        return switch (f) {
            case "0" -> 0;
            case "NOREPLACE" -> AtFlags.RENAME_NOREPLACE;
            case "EXCHANGE" -> AtFlags.RENAME_EXCHANGE;
            case "BOTH" -> AtFlags.RENAME_NOREPLACE | AtFlags.RENAME_EXCHANGE;
            default -> throw new IllegalArgumentException("rename flag " + f);
        };
    }

    private static int xattrFlags(String f) {
        return switch (f) {
            case "0" -> 0;
            case "create" -> 1;
            case "replace" -> 2;
            default -> throw new IllegalArgumentException("xattr flag " + f);
        };
    }

    private static int access(String m) {
        if (m.equals("f")) {
            return AtFlags.F_OK;
        }
        return (m.contains("r") ? AtFlags.R_OK : 0) | (m.contains("w") ? AtFlags.W_OK : 0)
                | (m.contains("x") ? AtFlags.X_OK : 0);
    }

    private static int nodeType(String t) {
        return switch (t) {
            case "0" -> 0;
            case "d" -> FileType.DIRECTORY.bits();
            case "c" -> FileType.CHAR_DEVICE.bits();
            case "b" -> FileType.BLOCK_DEVICE.bits();
            case "p" -> FileType.FIFO.bits();
            case "f" -> FileType.REGULAR.bits();
            case "s" -> FileType.SOCKET.bits();
            default -> throw new IllegalArgumentException("node type " + t);
        };
    }

    private static int oct(String s) {
        return Integer.parseInt(s, 8);
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer b) {
        b.flip();
        byte[] data = new byte[b.remaining()];
        b.get(data);
        return new String(data, StandardCharsets.ISO_8859_1).replace('\0', '0');
    }
}
