package dev.cairn.vfs.tck;

import static dev.cairn.vfs.tck.TckFeature.SYMLINKS;

import java.util.ArrayList;
import java.util.List;

/** Oracle rows for path resolution: limits, "." and "..", trailing slashes, symlinks. */
final class PathCases {
    private PathCases() {
    }

    static List<OracleCase> cases() {
        String n255 = "x".repeat(255);
        String n256 = "x".repeat(256);
        String p4095 = "./".repeat(2047) + ".";
        OracleTable t = new OracleTable("paths");
        t.c("stat of a missing name", "ENOENT", "stat nope");
        t.c("empty path", "ENOENT", "stat ");
        t.c("missing intermediate directory", "ENOENT", "stat a/b/c");
        t.c("a regular file as an intermediate component", "ENOTDIR", "put f x", "stat f/x");
        t.c("trailing slash on a regular file", "ENOTDIR", "put f x", "stat f/");
        t.c("trailing slash on a directory", "ok dir 0755 n2 u0 g0", "mkdir d 0755", "stat d/");
        t.c("dot components", "ok x", "mkdir d 0755", "put d/f x", "cat ./d/./f");
        t.c("double slashes", "ok x", "mkdir d 0755", "put d/f x", "cat d//f");
        t.c("dot-dot at the root stays at the root", "ok true", "mkdir d 0755", "same /.. /");
        t.c("dot-dot chains past the root", "ok true", "mkdir d 0755", "same ../../../d /d");
        t.c("dot-dot inside a path", "ok x", "mkdir a 0755", "mkdir b 0755", "put b/f x", "cat a/../b/f");
        t.c("component of 255 bytes", "ok", "put " + n255 + " x");
        t.c("component of 256 bytes when looking up", "ENAMETOOLONG", "stat " + n256);
        t.c("component of 256 bytes when creating", "ENAMETOOLONG", "put " + n256 + " x");
        t.c("name limits count UTF-8 bytes: 255 bytes", "ok", "put " + "é".repeat(127) + "x x");
        t.c("name limits count UTF-8 bytes: 256 bytes", "ENAMETOOLONG", "put " + "é".repeat(128) + " x");
        t.c("path of 4095 bytes", "ok dir 0755 n2 u0 g0", "stat " + p4095);
        t.c("path of 4096 bytes", "ENAMETOOLONG", "stat " + p4095 + "/");
        t.c("mkdir with a trailing slash", "ok dir 0755 n2 u0 g0", "mkdir d/ 0755", "stat d");
        t.c("mkdir of an existing name", "EEXIST", "put f x", "mkdir f 0755");
        t.c("mkdir of the root", "EEXIST", "mkdir / 0755");
        t.c("mkdir in a missing directory", "ENOENT", "mkdir a/b 0755");
        t.c("rmdir of dot", "EINVAL", "mkdir d 0755", "rmdir d/.");
        t.c("rmdir of dot-dot", "ENOTEMPTY", "mkdir d 0755", "rmdir d/..");
        t.c("rmdir of the root", "EBUSY", "rmdir /");
        t.c("rmdir of a regular file", "ENOTDIR", "put f x", "rmdir f");
        t.c("rmdir of a non-empty directory", "ENOTEMPTY", "mkdir d 0755", "put d/f x", "rmdir d");
        t.c("unlink of a directory", "EISDIR", "mkdir d 0755", "unlink d");
        t.c("unlink of a missing name", "ENOENT", "unlink nope");
        t.c("unlink with a trailing slash on a file", "ENOTDIR", "put f x", "unlink f/");
        t.c("chdir then relative paths", "ok x", "mkdir d 0755", "chdir d", "put f x", "cat /d/f");
        t.c("getcwd after chdir", "ok /d/e", "mkdir d 0755", "mkdir d/e 0755", "chdir d/e", "getcwd");
        t.c("chdir into a regular file", "ENOTDIR", "put f x", "chdir f");
        t.c("getcwd after chdir ..", "ok /d", "mkdir d 0755", "mkdir d/e 0755", "chdir d/e", "chdir ..", "getcwd");
        t.c("three dots is an ordinary name", "ok dir 0755 n2 u0 g0", "mkdir ... 0755", "stat .../");
        t.c("a name with a tab and non-ASCII letters", "ok ab", "put a\tbé ab", "cat a\tbé");
        t.c("rmdir with a trailing slash", "ok", "mkdir d 0755", "rmdir d/");
        t.c("stat of dot-dot of a file", "ENOTDIR", "put f x", "stat f/..");
        t.c("creating in a removed cwd", "ENOENT", "mkdir d 0755", "chdir d", "rmdir /d", "put f x");
        t.c("getdents of a removed cwd", "ENOENT", "mkdir d 0755", "chdir d", "rmdir /d", "ls .");
        t.c("getcwd of a removed cwd", "ENOENT", "mkdir d 0755", "chdir d", "rmdir /d", "getcwd");
        t.c("mkdir with file type bits in the mode", "ok dir 0755 n2 u0 g0", "mkdir d 0100755", "stat d");
        t.c("mkdir keeps the sticky bit", "ok dir 1755 n2 u0 g0", "mkdir d 01755", "stat d");
        t.c("mkdir drops setuid and setgid outside a setgid directory", "ok dir 0755 n2 u0 g0", "mkdir d 06755",
                "stat d");
        t.c("rmdir of the cwd as dot", "EINVAL", "mkdir d 0755", "chdir d", "rmdir .");
        t.c("unlink of dot", "EISDIR", "mkdir d 0755", "unlink d/.");
        t.c("mkdir of dot", "EEXIST", "mkdir d 0755", "mkdir d/. 0755");
        t.c("mkdir of dot-dot", "EEXIST", "mkdir d 0755", "mkdir d/.. 0755");
        t.c("O_CREAT of dot", "EISDIR", "mkdir d 0755", "open o d/. O_RDONLY|O_CREAT 0644");
        t.c("mknod with no file type makes a regular file", "ok reg 0644 n1 u0 g0 s0", "mknod f 0 0644", "stat f");
        t.needs(SYMLINKS);
        t.c("trailing slash follows a final symlink to a directory", "ok dir 0755 n2 u0 g0",
                "mkdir d 0755", "symlink d l", "lstat l/");
        t.c("trailing slash on a symlink to a file", "ENOTDIR", "put f x", "symlink f l", "lstat l/");
        t.c("lstat does not follow a final symlink", "ok lnk 0777 n1 u0 g0 s1", "put f x", "symlink f l", "lstat l");
        t.c("dot-dot after a symlinked directory is physical", "ok true",
                "mkdir a 0755", "mkdir a/b 0755", "symlink a/b l", "same l/.. a");
        t.c("symlink in the middle of a path", "ok x", "mkdir a 0755", "put a/f x", "symlink a l", "cat l/f");
        t.c("absolute symlink target starts at the root", "ok abs",
                "mkdir d 0755", "put d/f abs", "symlink /d/f d/l", "cat d/l");
        t.c("relative symlink target starts at the link's directory", "ok rel",
                "mkdir d 0755", "put d/f rel", "symlink f d/l", "cat d/l");
        t.c("relative symlink target with dot-dot", "ok up",
                "mkdir a 0755", "mkdir b 0755", "put b/f up", "symlink ../b/f a/l", "cat a/l");
        t.c("absolute symlink with dot-dot beyond the root", "ok x",
                "mkdir d 0755", "put d/f x", "symlink /../../d/f l", "cat l");
        t.c("dangling symlink: stat", "ENOENT", "symlink nowhere l", "stat l");
        t.c("dangling symlink: lstat", "ok lnk 0777 n1 u0 g0 s7", "symlink nowhere l", "lstat l");
        t.c("symlink to itself", "ELOOP", "symlink l l", "stat l");
        t.c("two symlinks pointing at each other", "ELOOP", "symlink b a", "symlink a b", "cat a");
        t.c("empty symlink target", "ENOENT", "symlink  l");
        t.c("readlink returns the target verbatim", "ok ../x//y/", "symlink ../x//y/ l", "readlink l");
        t.c("readlink of a regular file", "EINVAL", "put f x", "readlink f");
        t.c("readlink of a missing name", "ENOENT", "readlink nope");
        t.c("readlink follows intermediate symlinks", "ok t",
                "mkdir d 0755", "symlink t d/l", "symlink d m", "readlink m/l");
        t.c("chdir through a symlink", "ok /d", "mkdir d 0755", "symlink d l", "chdir l", "getcwd");
        t.c("mkdir over a dangling symlink", "EEXIST", "symlink nowhere l", "mkdir l 0755");
        t.c("mkdir through a trailing slash on a dangling symlink", "EEXIST", "symlink nowhere l", "mkdir l/ 0755");
        t.c("a directory symlink loop through dot-dot", "ELOOP", "mkdir d 0755", "symlink ../d/l/x d/l", "stat d/l");
        t.c("a symlink to dot-dot at the root", "ok true", "mkdir d 0755", "symlink .. d/up", "same d/up/d d");
        t.c("a symlink to dot", "ok true", "mkdir d 0755", "symlink . d/self", "same d/self/self/self d");
        t.c("readlink with a trailing slash follows to the directory", "EINVAL",
                "mkdir d 0755", "symlink d l", "readlink l/");
        t.c("symlink at a name with a trailing slash", "ENOENT", "symlink t l/");
        chain(t, 40, "ok x");
        chain(t, 41, "ELOOP");
        return t.cases();
    }

    /** A chain l1 → f, l2 → l1, …, ln → l(n-1), then reading ln (n symlinks to follow). */
    private static void chain(OracleTable t, int n, String expect) {
        List<String> ops = new ArrayList<>();
        ops.add("put f x");
        ops.add("symlink f l1");
        for (int i = 2; i <= n; i++) {
            ops.add("symlink l" + (i - 1) + " l" + i);
        }
        ops.add("cat l" + n);
        t.c("chain of " + n + " symlinks", expect, ops.toArray(String[]::new));
    }
}
