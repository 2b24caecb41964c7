package dev.cairn.vfs.tck;

import static dev.cairn.vfs.tck.TckFeature.HARD_LINKS;
import static dev.cairn.vfs.tck.TckFeature.PERMISSIONS;
import static dev.cairn.vfs.tck.TckFeature.SYMLINKS;

import java.util.List;

/** Oracle rows for hard links, link counts and symlinks. */
final class LinkCases {
    private LinkCases() {
    }

    static List<OracleCase> cases() {
        OracleTable t = new OracleTable("links");
        t.c("a new file has one link", "ok reg 0644 n1 u0 g0 s1", "put f x", "stat f");
        t.c("a new directory has two links", "ok dir 0755 n2 u0 g0", "mkdir d 0755", "stat d");
        t.c("each subdirectory adds a link to its parent", "ok dir 0755 n4 u0 g0",
                "mkdir d 0755", "mkdir d/a 0755", "mkdir d/b 0755", "put d/f x", "stat d");
        t.c("rmdir drops the parent's link", "ok dir 0755 n3 u0 g0",
                "mkdir d 0755", "mkdir d/a 0755", "mkdir d/b 0755", "rmdir d/a", "stat d");
        t.c("subdirectories of the root count", "ok dir 0755 n4 u0 g0", "mkdir a 0755", "mkdir b 0755", "stat /");
        t.needs(HARD_LINKS);
        t.c("link adds a link to the inode", "ok reg 0644 n2 u0 g0 s1", "put f x", "link f g", "stat f");
        t.c("both names are the same inode", "ok true", "put f x", "link f g", "same f g");
        t.c("unlink of one name drops a link", "ok reg 0644 n1 u0 g0 s1", "put f x", "link f g", "unlink g", "stat f");
        t.c("link to an existing name", "EEXIST", "put f x", "put g y", "link f g");
        t.c("link of a directory", "EPERM", "mkdir d 0755", "link d e");
        t.c("link of a missing name", "ENOENT", "link nope g");
        t.c("link into a missing directory", "ENOENT", "put f x", "link f d/g");
        t.c("link with a trailing slash on the source", "ENOTDIR", "put f x", "link f/ g");
        t.c("link to a name with a trailing slash", "ENOENT", "put f x", "link f g/");
        t.needs(HARD_LINKS, SYMLINKS);
        t.c("link does not follow a symlink", "ok lnk 0777 n2 u0 g0 s1", "put f x", "symlink f l", "link l h",
                "lstat h");
        t.c("linkat AT_SYMLINK_FOLLOW links the target", "ok reg 0644 n2 u0 g0 s1",
                "put f x", "symlink f l", "linkf l h", "stat f");
        t.needs(SYMLINKS);
        t.c("a symlink has mode 0777 and the target's length as size", "ok lnk 0777 n1 u0 g0 s3",
                "symlink abc l", "lstat l");
        t.c("symlink over an existing name", "EEXIST", "put f x", "symlink t f");
        t.c("symlink in a missing directory", "ENOENT", "symlink t d/l");
        t.c("a symlink target of 4095 bytes", "ok lnk 0777 n1 u0 g0 s4095", "symlink " + "t".repeat(4095) + " l",
                "lstat l");
        t.c("a symlink target of 4096 bytes", "ENAMETOOLONG", "symlink " + "t".repeat(4096) + " l");
        t.c("a symlink target of 4096 UTF-8 bytes", "ENAMETOOLONG", "symlink " + "é".repeat(2048) + " l");
        t.c("readlink of a multi-byte target", "ok ünï/çødé", "symlink ünï/çødé l", "readlink l");
        t.c("unlink of a symlink leaves the target", "ok x", "put f x", "symlink f l", "unlink l", "cat f");
        t.c("stat through a symlink shows the target", "ok reg 0644 n1 u0 g0 s1", "put f x", "symlink f l", "stat l");
        t.needs(SYMLINKS, PERMISSIONS);
        t.c("a user's symlink is owned by the user", "ok lnk 0777 n1 u1000 g1000 s1",
                "mkdir w 0777", "chmod w 0777", "as 1000 1000", "symlink x w/l", "lstat w/l");
        t.c("chmod through a symlink changes the target", "ok reg 0600 n1 u0 g0 s1",
                "put f x", "symlink f l", "chmod l 0600", "stat f");
        t.c("chown through a symlink changes the target", "ok reg 0644 n1 u5 g6 s1",
                "put f x", "symlink f l", "chown l 5 6", "stat f");
        t.c("lchown changes the symlink itself", "ok lnk 0777 n1 u5 g6 s1",
                "put f x", "symlink f l", "lchown l 5 6", "lstat l");
        return t.cases();
    }
}
