package dev.cairn.shell;

import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.Task;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** ls, stat and tree on a Task. Names sort in byte order, as {@code LC_ALL=C ls}. */
final class Listing {
    private static final DateTimeFormatter STAT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS xx").withZone(ZoneOffset.UTC);

    private final Task task;
    private final PrintStream out;

    Listing(Task task, PrintStream out) {
        this.task = task;
        this.out = out;
    }

    /** One entry to print: its display name, its path and its lstat. */
    private record Entry(String name, String path, Stat st) {
    }

    void ls(String[] argv) throws ShellException {
        Args a = Args.parse("ls", argv, "lad1", "");
        List<String> ops = a.operands().isEmpty() ? List.of(".") : a.operands();
        List<String> errors = new ArrayList<>();
        List<Entry> files = new ArrayList<>();
        List<Entry> dirs = new ArrayList<>();
        for (String path : ops) {
            try {
                Stat st = a.has('l') ? task.lstat(path) : task.stat(path);
                if (st.isSymlink() && !a.has('d') && followsToDir(path)) {
                    st = task.stat(path);
                }
                (st.isDirectory() && !a.has('d') ? dirs : files).add(new Entry(path, path, st));
            } catch (ErrnoException e) {
                errors.add("ls: cannot access '" + path + "': " + FileCommands.why(e));
            }
        }
        printEntries(files, a.has('l'), false);
        boolean headers = ops.size() > 1;
        boolean first = files.isEmpty();
        for (Entry d : sorted(dirs)) {
            if (headers) {
                out.println((first ? "" : "\n") + d.path() + ":");
            }
            first = false;
            try {
                printEntries(children(d.path(), a.has('a')), a.has('l'), a.has('l'));
            } catch (ErrnoException e) {
                errors.add("ls: cannot open directory '" + d.path() + "': " + FileCommands.why(e));
            }
        }
        out.flush();
        FileCommands.failIfAny(errors);
    }

    private boolean followsToDir(String path) {
        try {
            return task.stat(path).isDirectory();
        } catch (ErrnoException e) {
            return false;
        }
    }

    private List<Entry> children(String dir, boolean all) throws ErrnoException {
        return children(dir, all, all);
    }

    private List<Entry> children(String dir, boolean hidden, boolean dots) throws ErrnoException {
        List<Entry> list = new ArrayList<>();
        if (dots) {
            list.add(new Entry(".", dir, task.lstat(dir)));
            list.add(new Entry("..", FileCommands.join(dir, ".."), task.lstat(FileCommands.join(dir, ".."))));
        }
        for (String name : task.listDir(dir)) {
            if (!hidden && name.startsWith(".")) {
                continue;
            }
            String p = FileCommands.join(dir, name);
            list.add(new Entry(name, p, task.lstat(p)));
        }
        return sorted(list);
    }

    private static List<Entry> sorted(List<Entry> in) {
        List<Entry> l = new ArrayList<>(in);
        l.sort((x, y) -> x.name().compareTo(y.name()));
        return l;
    }

    private void printEntries(List<Entry> entries, boolean longFormat, boolean total) {
        List<Entry> list = sorted(entries);
        if (!longFormat) {
            list.forEach(e -> out.println(e.name()));
            return;
        }
        if (total) {
            long blocks = list.stream().mapToLong(e -> e.st().blocks()).sum();
            out.println("total " + (blocks + 1) / 2);
        }
        int wLinks = 1;
        int wUid = 1;
        int wGid = 1;
        int wSize = 1;
        for (Entry e : list) {
            wLinks = Math.max(wLinks, Long.toString(e.st().nlink()).length());
            wUid = Math.max(wUid, Integer.toString(e.st().uid()).length());
            wGid = Math.max(wGid, Integer.toString(e.st().gid()).length());
            wSize = Math.max(wSize, sizeField(e.st()).length());
        }
        for (Entry e : list) {
            Stat st = e.st();
            out.println(String.format("%s %" + wLinks + "d %-" + wUid + "d %-" + wGid + "d %" + wSize + "s %s",
                    Modes.modeString(st.mode()), st.nlink(), st.uid(), st.gid(), sizeField(st), display(e)));
        }
    }

    /** The size column: "major, minor" for device nodes, the byte size otherwise. */
    static String sizeField(Stat st) {
        FileType t = st.type();
        if (t == FileType.CHAR_DEVICE || t == FileType.BLOCK_DEVICE) {
            return st.rdevMajor() + ", " + st.rdevMinor();
        }
        return Long.toString(st.size());
    }

    private String display(Entry e) {
        if (!e.st().isSymlink()) {
            return e.name();
        }
        try {
            return e.name() + " -> " + task.readlink(e.path());
        } catch (ErrnoException ex) {
            return e.name() + " -> ?";
        }
    }

    void stat(String[] argv) throws ShellException {
        Args a = Args.parse("stat", argv, "L", "");
        List<String> errors = new ArrayList<>();
        for (String path : a.operands("stat", 1)) {
            try {
                Stat st = a.has('L') ? task.stat(path) : task.lstat(path);
                printStat(path, st);
            } catch (ErrnoException e) {
                errors.add("stat: cannot statx '" + path + "': " + FileCommands.why(e));
            }
        }
        out.flush();
        FileCommands.failIfAny(errors);
    }

    private void printStat(String path, Stat st) {
        String name = path;
        if (st.isSymlink()) {
            try {
                name = "'" + path + "' -> '" + task.readlink(path) + "'";
            } catch (ErrnoException e) {
                name = path;
            }
        }
        out.println("  File: " + name);
        out.println(String.format("  Size: %-10d\tBlocks: %-10d IO Block: %-6d %s",
                st.size(), st.blocks(), st.blksize(), Modes.typeName(st)));
        String dev = String.format("Device: %d,%d\tInode: %-11d Links: %d", st.devMajor(), st.devMinor(), st.ino(), st.nlink());
        if (st.type() == FileType.CHAR_DEVICE || st.type() == FileType.BLOCK_DEVICE) {
            dev += String.format("     Device type: %d,%d", st.rdevMajor(), st.rdevMinor());
        }
        out.println(dev);
        out.println(String.format("Access: (%04o/%s)  Uid: (%5d)   Gid: (%5d)",
                st.permissions(), Modes.modeString(st.mode()), st.uid(), st.gid()));
        out.println("Access: " + time(st.atimeNanos()));
        out.println("Modify: " + time(st.mtimeNanos()));
        out.println("Change: " + time(st.ctimeNanos()));
    }

    private static String time(long nanos) {
        return STAT_TIME.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)));
    }

    void tree(String[] argv) throws ShellException {
        Args a = Args.parse("tree", argv, "a", "");
        List<String> ops = a.operands().isEmpty() ? List.of(".") : a.operands();
        List<String> errors = new ArrayList<>();
        int[] counts = new int[2];
        for (String root : ops) {
            try {
                Stat st = task.stat(root);
                out.println(root);
                if (st.isDirectory()) {
                    Set<String> onPath = new HashSet<>();
                    onPath.add(key(st));
                    walk(root, "", a.has('a'), counts, onPath);
                }
            } catch (ErrnoException e) {
                errors.add("tree: " + root + ": " + FileCommands.why(e));
                out.println(root + "  [error opening dir]");
            }
        }
        out.println();
        out.println(counts[0] + (counts[0] == 1 ? " directory, " : " directories, ")
                + counts[1] + (counts[1] == 1 ? " file" : " files"));
        out.flush();
        FileCommands.failIfAny(errors);
    }

    private static String key(Stat st) {
        return st.devMajor() + ":" + st.devMinor() + ":" + st.ino();
    }

    private void walk(String dir, String indent, boolean all, int[] counts, Set<String> onPath) throws ErrnoException {
        List<Entry> kids = children(dir, all, false);
        for (int i = 0; i < kids.size(); i++) {
            Entry e = kids.get(i);
            boolean last = i == kids.size() - 1;
            out.println(indent + (last ? "└── " : "├── ") + display(e));
            if (e.st().isDirectory()) {
                counts[0]++;
                // A bind mount can make a directory its own descendant: do not walk into a cycle.
                if (onPath.add(key(e.st()))) {
                    walk(e.path(), indent + (last ? "    " : "│   "), all, counts, onPath);
                    onPath.remove(key(e.st()));
                }
            } else {
                counts[1]++;
            }
        }
    }
}
