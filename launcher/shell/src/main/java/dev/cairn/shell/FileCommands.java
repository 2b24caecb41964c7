package dev.cairn.shell;

import dev.cairn.vfs.AtFlags;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.OpenFlags;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.Task;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** cat, mkdir, rm, rmdir, mv, ln, write, append, touch, chmod, cd, pwd, echo on a Task. */
final class FileCommands {
    private static final int BUF = 64 * 1024;

    private final Task task;
    private final PrintStream out;

    FileCommands(Task task, PrintStream out) {
        this.task = task;
        this.out = out;
    }

    static String why(ErrnoException e) {
        return e.errno().message();
    }

    /** Throws one ShellException carrying every error line, if there was any. */
    static void failIfAny(List<String> errors) throws ShellException {
        if (!errors.isEmpty()) {
            throw new ShellException(String.join("\n", errors));
        }
    }

    void cat(String[] argv) throws ShellException {
        Args a = Args.parse("cat", argv, "", "");
        List<String> errors = new ArrayList<>();
        for (String path : a.operands("cat", 1)) {
            try {
                copyOut(path);
            } catch (ErrnoException e) {
                errors.add("cat: " + path + ": " + why(e));
            }
        }
        out.flush();
        failIfAny(errors);
    }

    private void copyOut(String path) throws ErrnoException {
        int fd = task.open(path, OpenFlags.O_RDONLY);
        try {
            ByteBuffer buf = ByteBuffer.allocate(BUF);
            while (true) {
                // Ctrl-C in the launcher's shell interrupts the foreground job (cat /dev/zero):
                // stop quietly, as cat killed by SIGINT does; the shell reports the interrupt.
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                buf.clear();
                int n = task.read(fd, buf);
                if (n <= 0) {
                    break;
                }
                out.write(buf.array(), 0, n);
            }
        } finally {
            closeQuietly(fd);
        }
    }

    private void closeQuietly(int fd) {
        try {
            task.close(fd);
        } catch (ErrnoException e) {
            // close of an fd we opened ourselves; nothing useful to report
        }
    }

    void mkdir(String[] argv) throws ShellException {
        Args a = Args.parse("mkdir", argv, "p", "m");
        int mode = 0777;
        if (a.value('m') != null) {
            mode = parseMode("mkdir", a.value('m'), 0777, true);
        }
        List<String> errors = new ArrayList<>();
        for (String path : a.operands("mkdir", 1)) {
            try {
                if (a.has('p')) {
                    mkdirs(path, mode);
                } else {
                    task.mkdir(path, mode);
                }
            } catch (ErrnoException e) {
                errors.add("mkdir: cannot create directory '" + path + "': " + why(e));
            }
        }
        failIfAny(errors);
    }

    private void mkdirs(String path, int mode) throws ErrnoException {
        StringBuilder prefix = new StringBuilder(path.startsWith("/") ? "/" : "");
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            prefix.append(part);
            String p = prefix.toString();
            try {
                task.mkdir(p, mode);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EEXIST || !task.stat(p).isDirectory()) {
                    throw e;
                }
            }
            prefix.append('/');
        }
    }

    void rm(String[] argv) throws ShellException {
        Args a = Args.parse("rm", argv, "rRfd", "");
        boolean recursive = a.has('r') || a.has('R');
        List<String> ops = a.has('f') ? a.operands() : a.operands("rm", 1);
        List<String> errors = new ArrayList<>();
        for (String path : ops) {
            try {
                Stat st = task.lstat(path);
                if (st.isDirectory() && recursive) {
                    removeTree(path, errors);
                } else if (st.isDirectory() && a.has('d')) {
                    task.rmdir(path);
                } else if (st.isDirectory()) {
                    errors.add("rm: cannot remove '" + path + "': Is a directory");
                } else {
                    task.unlink(path);
                }
            } catch (ErrnoException e) {
                if (!(a.has('f') && e.errno() == Errno.ENOENT)) {
                    errors.add("rm: cannot remove '" + path + "': " + why(e));
                }
            }
        }
        failIfAny(errors);
    }

    private void removeTree(String dir, List<String> errors) throws ErrnoException {
        for (String name : task.listDir(dir)) {
            String child = join(dir, name);
            try {
                if (task.lstat(child).isDirectory()) {
                    removeTree(child, errors);
                } else {
                    task.unlink(child);
                }
            } catch (ErrnoException e) {
                errors.add("rm: cannot remove '" + child + "': " + why(e));
            }
        }
        task.rmdir(dir);
    }

    void rmdir(String[] argv) throws ShellException {
        Args a = Args.parse("rmdir", argv, "", "");
        List<String> errors = new ArrayList<>();
        for (String path : a.operands("rmdir", 1)) {
            try {
                task.rmdir(path);
            } catch (ErrnoException e) {
                errors.add("rmdir: failed to remove '" + path + "': " + why(e));
            }
        }
        failIfAny(errors);
    }

    void mv(String[] argv) throws ShellException {
        Args a = Args.parse("mv", argv, "fn", "");
        List<String> ops = a.operands("mv", 2);
        String dst = ops.get(ops.size() - 1);
        boolean dstIsDir = isDirectory(dst);
        if (ops.size() > 2 && !dstIsDir) {
            throw new ShellException("mv: target '" + dst + "' is not a directory");
        }
        List<String> errors = new ArrayList<>();
        for (String src : ops.subList(0, ops.size() - 1)) {
            String to = dstIsDir ? join(dst, baseName(src)) : dst;
            try {
                task.lstat(src);
            } catch (ErrnoException e) {
                errors.add("mv: cannot stat '" + src + "': " + why(e));
                continue;
            }
            try {
                task.renameat2(AtFlags.AT_FDCWD, src, AtFlags.AT_FDCWD, to, a.has('n') ? AtFlags.RENAME_NOREPLACE : 0);
            } catch (ErrnoException e) {
                if (!(a.has('n') && e.errno() == Errno.EEXIST)) {
                    errors.add("mv: cannot move '" + src + "' to '" + to + "': " + why(e));
                }
            }
        }
        failIfAny(errors);
    }

    void ln(String[] argv) throws ShellException {
        Args a = Args.parse("ln", argv, "sf", "");
        List<String> ops = a.operands("ln", 2);
        if (ops.size() > 2) {
            throw new ShellException("ln: extra operand '" + ops.get(2) + "'");
        }
        String target = ops.get(0);
        String link = isDirectory(ops.get(1)) ? join(ops.get(1), baseName(target)) : ops.get(1);
        try {
            if (a.has('f')) {
                removeIfNotDir(link);
            }
            if (a.has('s')) {
                task.symlink(target, link);
            } else {
                task.link(target, link);
            }
        } catch (ErrnoException e) {
            String what = a.has('s') ? "symbolic link '" + link + "'" : "hard link '" + link + "' => '" + target + "'";
            if (!a.has('s') && e.errno() == Errno.ENOENT && !exists(target)) {
                throw new ShellException("ln: failed to access '" + target + "': " + why(e));
            }
            throw new ShellException("ln: failed to create " + what + ": " + why(e));
        }
    }

    private void removeIfNotDir(String path) throws ErrnoException {
        try {
            if (!task.lstat(path).isDirectory()) {
                task.unlink(path);
            }
        } catch (ErrnoException e) {
            if (e.errno() != Errno.ENOENT) {
                throw e;
            }
        }
    }

    /** write FILE TEXT...: the words joined by spaces plus a newline, replacing the file. */
    void write(String[] argv, boolean append) throws ShellException {
        String cmd = append ? "append" : "write";
        if (argv == null || argv.length < 1) {
            throw new ShellException(cmd + ": missing operand (usage: " + cmd + " FILE TEXT...)");
        }
        String path = argv[0];
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < argv.length; i++) {
            text.append(i > 1 ? " " : "").append(argv[i]);
        }
        text.append('\n');
        int flags = OpenFlags.O_WRONLY | OpenFlags.O_CREAT | (append ? OpenFlags.O_APPEND : OpenFlags.O_TRUNC);
        try {
            int fd = task.open(path, flags, 0666);
            try {
                ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    task.write(fd, buf);
                }
            } finally {
                task.close(fd);
            }
        } catch (ErrnoException e) {
            throw new ShellException(cmd + ": " + path + ": " + why(e));
        }
    }

    void touch(String[] argv) throws ShellException {
        Args a = Args.parse("touch", argv, "c", "");
        List<String> errors = new ArrayList<>();
        for (String path : a.operands("touch", 1)) {
            try {
                if (exists(path)) {
                    task.utimensat(AtFlags.AT_FDCWD, path, Task.UTIME_NOW, Task.UTIME_NOW, 0);
                } else if (!a.has('c')) {
                    task.close(task.open(path, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_NONBLOCK, 0666));
                }
            } catch (ErrnoException e) {
                errors.add("touch: cannot touch '" + path + "': " + why(e));
            }
        }
        failIfAny(errors);
    }

    void chmod(String[] argv) throws ShellException {
        Args a = Args.parse("chmod", argv, "", "");
        List<String> ops = a.operands("chmod", 2);
        String spec = ops.get(0);
        List<String> errors = new ArrayList<>();
        for (String path : ops.subList(1, ops.size())) {
            try {
                Stat st = task.stat(path);
                int mode = parseMode("chmod", spec, st.permissions(), st.isDirectory());
                task.chmod(path, mode);
            } catch (ErrnoException e) {
                String verb = e.errno() == Errno.ENOENT ? "cannot access '" : "changing permissions of '";
                errors.add("chmod: " + verb + path + "': " + why(e));
            }
        }
        failIfAny(errors);
    }

    private static int parseMode(String cmd, String spec, int old, boolean isDir) throws ShellException {
        try {
            return Modes.applyChmod(spec, old, isDir);
        } catch (IllegalArgumentException e) {
            throw new ShellException(cmd + ": invalid mode: '" + spec + "'");
        }
    }

    void cd(String[] argv) throws ShellException {
        Args a = Args.parse("cd", argv, "", "");
        if (a.operands().size() > 1) {
            throw new ShellException("cd: too many arguments");
        }
        String dir = a.operands().isEmpty() ? "/" : a.operands().get(0);
        try {
            task.chdir(dir);
        } catch (ErrnoException e) {
            throw new ShellException("cd: " + dir + ": " + why(e));
        }
    }

    void pwd() throws ShellException {
        try {
            out.println(task.getcwd());
        } catch (ErrnoException e) {
            throw new ShellException("pwd: " + why(e));
        }
    }

    void echo(String[] argv) {
        boolean newline = true;
        int start = 0;
        if (argv != null && argv.length > 0 && argv[0].equals("-n")) {
            newline = false;
            start = 1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = start; argv != null && i < argv.length; i++) {
            sb.append(i > start ? " " : "").append(argv[i]);
        }
        out.print(newline ? sb.append('\n') : sb);
        out.flush();
    }

    private boolean exists(String path) {
        try {
            task.lstat(path);
            return true;
        } catch (ErrnoException e) {
            return false;
        }
    }

    private boolean isDirectory(String path) {
        try {
            return task.stat(path).isDirectory();
        } catch (ErrnoException e) {
            return false;
        }
    }

    static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    static String baseName(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        int i = p.lastIndexOf('/');
        return i < 0 ? p : p.substring(i + 1);
    }
}
