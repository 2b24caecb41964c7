package dev.cairn.vfs.tck;

import static dev.cairn.vfs.tck.TckFeature.FIFO;
import static dev.cairn.vfs.tck.TckFeature.HARD_LINKS;
import static dev.cairn.vfs.tck.TckFeature.SYMLINKS;
import static dev.cairn.vfs.tck.TckFeature.XATTR_USER;

import java.util.ArrayList;
import java.util.List;

/**
 * Generated rows: every path-taking operation on every kind of path (missing, file, directory,
 * symlinks to each, dangling, trailing slashes, through a file, dot and dot-dot), followed by
 * listings that show side effects; as root, as an unprivileged user (the tree is root's,
 * 0755/0644), and as a user in a sticky world-writable directory whose entries belong to
 * another user, and as root on a read-only mount; rename and link for every pair of path kinds;
 * and every fd operation on every kind of open file description. No hand-written
 * expectation: the host decides each row, so these run only where the host oracle does.
 */
final class MatrixCases {
    private static final String[] SETUP = {"put f x", "mkdir d 0755", "put d/g y", "symlink f lf", "symlink d ld",
        "symlink nowhere ln"};
    private static final String[] PATHS = {"nope", "f", "d", "lf", "ld", "ln", "f/", "d/", "nope/", "f/x", "lf/",
        "ld/", "ln/", "d/g", "d/.", "d/..", "nope/x"};
    /** An op with @ for the path under test, and the feature it needs (or null). */
    private record Op(String text, TckFeature needs) {
    }

    private static final Op[] OPS = {
        new Op("stat @", null), new Op("lstat @", null), new Op("open o @ O_RDONLY", null),
        new Op("open o @ O_WRONLY", null), new Op("open o @ O_RDWR|O_CREAT 0644", null),
        new Op("open o @ O_WRONLY|O_CREAT|O_EXCL 0644", null), new Op("open o @ O_RDONLY|O_DIRECTORY", null),
        new Op("open o @ O_RDONLY|O_NOFOLLOW", null), new Op("open o @ O_PATH|O_NOFOLLOW", null),
        new Op("open o @ O_WRONLY|O_TRUNC", null), new Op("mkdir @ 0755", null), new Op("rmdir @", null),
        new Op("unlink @", null), new Op("readlink @", null), new Op("chmod @ 0600", null),
        new Op("chown @ 5 5", null), new Op("lchown @ 5 5", null), new Op("truncate @ 0", null),
        new Op("symlink t @", null), new Op("rename @ z", null), new Op("rename f @", null),
        new Op("rename d @", null), new Op("rename @ z NOREPLACE", TckFeature.RENAME_NOREPLACE),
        new Op("link f @", HARD_LINKS), new Op("link @ z", HARD_LINKS), new Op("linkf @ z", HARD_LINKS),
        new Op("mknod @ p 0644", FIFO), new Op("access @ r", null), new Op("access @ x", null),
        new Op("setxattr @ user.a v", XATTR_USER), new Op("getxattr @ user.a", XATTR_USER),
        new Op("listxattr @", XATTR_USER), new Op("ls @", null), new Op("chdir @", null),
        new Op("utime @ now", null)};

    private MatrixCases() {
    }

    static List<OracleCase> cases() {
        // Generated rows include user.* xattrs and O_CREAT|O_DIRECTORY-era errno rules.
        OracleTable t = new OracleTable("matrix").since(6, 6);
        for (String who : new String[] {"root", "user", "sticky", "readonly"}) {
            for (Op op : OPS) {
                needs(t, who, op.needs);
                for (String p : PATHS) {
                    List<String> ops = new ArrayList<>();
                    if (who.equals("sticky")) {
                        ops.addAll(STICKY_PREFIX);
                    }
                    ops.addAll(List.of(SETUP));
                    if (who.equals("user") || who.equals("sticky")) {
                        ops.add("as 1000 1000");
                    }
                    if (who.equals("readonly")) {
                        ops.add("ro");
                    }
                    ops.add(op.text.replace("@", p));
                    ops.addAll(AFTER);
                    t.hostOnly(who + ": " + op.text.replace("@", "<" + p + ">"), ops);
                }
            }
        }
        for (String twoPathOp : new String[] {"rename", "link"}) {
            needs(t, "root", twoPathOp.equals("link") ? HARD_LINKS : null);
            for (String from : PATHS) {
                for (String to : PATHS) {
                    List<String> ops = new ArrayList<>(List.of(SETUP));
                    ops.add(twoPathOp + " " + from + " " + to);
                    ops.addAll(AFTER);
                    t.hostOnly(twoPathOp + " <" + from + "> <" + to + ">", ops);
                }
            }
        }
        fdMatrix(t);
        return t.cases();
    }

    /** Kinds of open file descriptions, each opened as slot o after the setup. */
    private static final String[] FDS = {"open o f O_RDONLY", "open o f O_WRONLY", "open o f O_RDWR|O_APPEND",
        "open o f O_PATH", "open o d O_RDONLY", "open o d O_PATH", "open o lf O_PATH|O_NOFOLLOW",
        "open o p O_RDONLY|O_NONBLOCK", "open o p O_RDWR|O_NONBLOCK"};
    private static final String[] FD_OPS = {"read o 4", "write o zz", "pread o 4 0", "pwrite o zz 1",
        "lseek o 1 SET", "lseek o 0 END", "lseek o 0 DATA", "lseek o 0 HOLE", "fstat o", "ftruncate o 1", "fls o",
        "close o"};

    /** Every fd operation on every kind of open file description, then the file's state. */
    private static void fdMatrix(OracleTable t) {
        t.needs(SYMLINKS, FIFO);
        for (String fd : FDS) {
            for (String op : FD_OPS) {
                List<String> ops = new ArrayList<>(List.of(SETUP));
                ops.add("mknod p p 0644");
                ops.add(fd);
                ops.add(op);
                ops.add("cat f");
                ops.add("lstat f");
                t.hostOnly("fd: " + op + " on " + fd.substring("open o ".length()), ops);
            }
        }
    }

    /** Listings after the op under test, so that side effects (or their absence) are compared. */
    private static final List<String> AFTER = List.of("ls .", "ls d", "lstat z", "lstat f", "lstat d");
    /** The "sticky" scenario: the tree belongs to uid 1001 inside a 1777 directory, user 1000 acts. */
    private static final List<String> STICKY_PREFIX = List.of("mkdir t 0777", "chmod t 01777", "as 1001 1001",
            "chdir t");

    private static void needs(OracleTable t, String who, TckFeature extra) {
        List<TckFeature> f = new ArrayList<>(List.of(SYMLINKS));
        if (!who.equals("root") && !who.equals("readonly")) {
            f.add(TckFeature.PERMISSIONS);
        }
        if (extra != null) {
            f.add(extra);
        }
        t.needs(f.toArray(TckFeature[]::new));
    }
}
