package dev.cairn.vfs.tck;

import static dev.cairn.vfs.tck.TckFeature.HARD_LINKS;
import static dev.cairn.vfs.tck.TckFeature.RENAME_EXCHANGE;
import static dev.cairn.vfs.tck.TckFeature.RENAME_NOREPLACE;
import static dev.cairn.vfs.tck.TckFeature.SYMLINKS;

import java.util.List;

/** Oracle rows for rename(2) and renameat2(2). */
final class RenameCases {
    private RenameCases() {
    }

    static List<OracleCase> cases() {
        OracleTable t = new OracleTable("rename");
        t.c("rename a file", "ok x", "put a x", "rename a b", "cat b");
        t.c("the old name is gone", "ENOENT", "put a x", "rename a b", "stat a");
        t.c("rename replaces a file", "ok x", "put a x", "put b y", "rename a b", "cat b");
        t.c("rename a directory with its contents", "ok x", "mkdir d 0755", "put d/f x", "rename d e", "cat e/f");
        t.c("rename a directory over an empty directory", "ok e", "mkdir d 0755", "mkdir e 0755", "rename d e", "ls /");
        t.c("rename a directory over a non-empty directory", "ENOTEMPTY",
                "mkdir d 0755", "mkdir e 0755", "put e/f x", "rename d e");
        t.c("rename a directory over a file", "ENOTDIR", "mkdir d 0755", "put f x", "rename d f");
        t.c("rename a file over a directory", "EISDIR", "put f x", "mkdir d 0755", "rename f d");
        t.c("rename a directory into its own subdirectory", "EINVAL",
                "mkdir d 0755", "mkdir d/s 0755", "rename d d/s/x");
        t.c("rename a directory into itself", "EINVAL", "mkdir d 0755", "rename d d/x");
        t.c("rename onto itself is a no-op", "ok x", "put a x", "rename a a", "cat a");
        t.c("rename of a missing name", "ENOENT", "rename a b");
        t.c("rename into a missing directory", "ENOENT", "put a x", "rename a d/b");
        t.c("rename a file with a trailing slash", "ENOTDIR", "put a x", "rename a/ b");
        t.c("rename a file to a name with a trailing slash", "ENOTDIR", "put a x", "rename a b/");
        t.c("rename a directory with trailing slashes", "ok dir 0755 n2 u0 g0", "mkdir d 0755", "rename d/ e/",
                "stat e");
        t.c("rename of dot", "EBUSY", "mkdir d 0755", "rename d/. x");
        t.c("rename onto dot-dot", "EBUSY", "mkdir d 0755", "put f x", "rename f d/..");
        t.c("rename of the root", "EBUSY", "mkdir d 0755", "rename / d/x");
        t.c("moving a directory moves its parent link", "ok dir 0755 n3 u0 g0",
                "mkdir a 0755", "mkdir b 0755", "mkdir a/x 0755", "rename a/x b/x", "stat b");
        t.c("moving a directory drops the old parent's link", "ok dir 0755 n2 u0 g0",
                "mkdir a 0755", "mkdir b 0755", "mkdir a/x 0755", "rename a/x b/x", "stat a");
        t.c("a moved directory's dot-dot is its new parent", "ok true",
                "mkdir a 0755", "mkdir b 0755", "mkdir a/x 0755", "rename a/x b/x", "same b/x/.. b");
        t.c("replacing a directory drops the replaced one's parent link", "ok dir 0755 n5 u0 g0",
                "mkdir a 0755", "mkdir b 0755", "rename a b", "mkdir c 0755", "mkdir e 0755", "stat /");
        t.c("a file open under the replaced name keeps its data", "ok old",
                "put b old", "open o b O_RDONLY", "put a new", "rename a b", "read o 3");
        t.c("a replaced open file has no links", "ok reg 0644 n0 u0 g0 s3",
                "put b old", "open o b O_RDONLY", "put a new", "rename a b", "fstat o");
        t.c("rename onto an ancestor directory", "ENOTEMPTY", "mkdir a 0755", "mkdir a/b 0755", "rename a/b a");
        t.c("rename into a sibling's subtree", "ok dir 0755 n2 u0 g0",
                "mkdir a 0755", "mkdir b 0755", "mkdir b/c 0755", "rename a b/c/a", "stat b/c/a");
        t.c("rename a file to a path through itself", "ENOTDIR", "put f x", "rename f f/x");
        t.c("rename a non-empty directory over an empty one elsewhere", "ok x",
                "mkdir a 0755", "put a/f x", "mkdir b 0755", "mkdir b/t 0755", "rename a b/t", "cat b/t/f");
        t.needs(HARD_LINKS);
        t.c("rename between two links of one inode does nothing", "ok a,b", "put a x", "link a b", "rename a b",
                "ls /");
        t.needs(SYMLINKS);
        t.c("rename moves a symlink, not its target", "ok f", "put f x", "symlink f l", "rename l m", "readlink m");
        t.c("rename over a dangling symlink replaces the symlink", "ok reg 0644 n1 u0 g0 s1",
                "put f x", "symlink nowhere l", "rename f l", "lstat l");
        t.c("rename of a symlink to a directory with a trailing slash", "ENOTDIR",
                "mkdir d 0755", "symlink d l", "rename l/ m");
        t.needs(RENAME_NOREPLACE);
        t.c("RENAME_NOREPLACE onto an existing name", "EEXIST", "put a x", "put b y", "rename a b NOREPLACE");
        t.c("RENAME_NOREPLACE onto a free name", "ok x", "put a x", "rename a b NOREPLACE", "cat b");
        t.c("RENAME_NOREPLACE onto dot-dot", "EEXIST", "mkdir d 0755", "put f x", "rename f d/.. NOREPLACE");
        t.c("RENAME_NOREPLACE onto a dangling symlink", "EEXIST", "put a x", "symlink nowhere l",
                "rename a l NOREPLACE");
        t.needs(RENAME_EXCHANGE);
        t.c("RENAME_EXCHANGE swaps two files", "ok y", "put a x", "put b y", "rename a b EXCHANGE", "cat a");
        t.c("RENAME_EXCHANGE swaps the other way too", "ok x", "put a x", "put b y", "rename a b EXCHANGE", "cat b");
        t.c("RENAME_EXCHANGE of a file and a directory", "ok dir 0755 n2 u0 g0",
                "put a x", "mkdir b 0755", "rename a b EXCHANGE", "stat a");
        t.c("RENAME_EXCHANGE with a missing target", "ENOENT", "put a x", "rename a b EXCHANGE");
        t.c("RENAME_EXCHANGE of directories in two parents fixes link counts", "ok dir 0755 n3 u0 g0",
                "mkdir p 0755", "mkdir q 0755", "mkdir p/a 0755", "put q/b x", "rename p/a q/b EXCHANGE", "stat q");
        t.c("RENAME_EXCHANGE of a directory with its own child", "EINVAL",
                "mkdir d 0755", "mkdir d/s 0755", "rename d d/s EXCHANGE");
        t.c("RENAME_EXCHANGE of a name with itself", "ok x", "put a x", "rename a a EXCHANGE", "cat a");
        t.needs(RENAME_EXCHANGE, RENAME_NOREPLACE);
        t.c("RENAME_EXCHANGE together with RENAME_NOREPLACE", "EINVAL", "put a x", "put b y", "rename a b BOTH");
        return t.cases();
    }
}
