package dev.cairn.vfs.tck;

import static dev.cairn.vfs.tck.TckFeature.HARD_LINKS;
import static dev.cairn.vfs.tck.TckFeature.PERMISSIONS;

import java.util.List;

/**
 * Oracle rows for permissions of unprivileged tasks (uid 1000 and 1001, group 100 as a
 * supplementary group), sticky and setgid directories, umask, chmod/chown/utimes rules.
 * "W" below is a world-writable directory made by root.
 */
final class PermissionCases {
    private static final String W = "mkdir w 0777";
    private static final String W_OPEN = "chmod w 0777";
    private static final String U1000 = "as 1000 1000";
    private static final String U1000_G100 = "as 1000 1000 100";
    private static final String U1001 = "as 1001 1001";

    private PermissionCases() {
    }

    static List<OracleCase> cases() {
        OracleTable t = new OracleTable("permissions").needs(PERMISSIONS);
        t.c("a user cannot create in a root-owned 0755 directory", "EACCES", "mkdir d 0755", U1000, "put d/f x");
        t.c("a user's new file is owned by the user, mode 0666 & ~umask", "ok reg 0644 n1 u1000 g1000 s1",
                W, W_OPEN, U1000, "put w/f x", "stat w/f");
        t.c("umask 077 for a new file", "ok reg 0600 n1 u0 g0 s1", "umask 077", "put f x", "stat f");
        t.c("umask 027 for a new directory", "ok dir 0750 n2 u0 g0", "umask 027", "mkdir d 0777", "stat d");
        t.c("the owner without the read bit cannot read", "EACCES",
                W, W_OPEN, U1000, "put w/f x", "chmod w/f 0200", "cat w/f");
        t.c("owner bits apply to the owner even when others may read", "EACCES",
                W, W_OPEN, U1000, "put w/f x", "chmod w/f 0044", "cat w/f");
        t.c("a member of the file's group (supplementary) may read 0640", "ok x",
                "put f x", "chown f 0 100", "chmod f 0640", U1000_G100, "cat f");
        t.c("a member of the file's group (primary) may read 0640", "ok x",
                "put f x", "chown f 0 1000", "chmod f 0640", U1000, "cat f");
        t.c("a non-member may not read 0640", "EACCES", "put f x", "chown f 0 100", "chmod f 0640", U1000, "cat f");
        t.c("group bits apply to members even when others may read", "EACCES",
                "put f x", "chown f 0 100", "chmod f 0604", U1000_G100, "cat f");
        t.c("other bits apply to others", "ok x", "put f x", "chmod f 0604", U1001, "cat f");
        t.c("search permission is needed on every directory walked", "EACCES",
                "mkdir d 0700", "put d/f x", U1000, "stat d/f");
        t.c("read without search permission lists names", "ok f", "mkdir d 0744", "put d/f x", U1000, "ls d");
        t.c("read without search permission cannot stat an entry", "EACCES",
                "mkdir d 0744", "put d/f x", U1000, "stat d/f");
        t.c("search without read permission cannot list", "EACCES", "mkdir d 0711", "put d/f x", U1000, "ls d");
        t.c("search without read permission opens a known name", "ok x", "mkdir d 0711", "put d/f x", U1000, "cat d/f");
        t.c("unlink needs write permission on the parent", "EACCES", "mkdir d 0755", "put d/f x", U1000, "unlink d/f");
        t.c("rmdir needs write permission on the parent", "EACCES", "mkdir d 0755", "mkdir d/e 0777", U1000, "rmdir d/e");
        t.c("rename needs write permission on the target parent", "EACCES",
                W, W_OPEN, "mkdir b 0755", U1000, "put w/f x", "rename w/f b/f");
        t.c("a user cannot mkdir in a 0555 directory he owns", "EACCES",
                W, W_OPEN, U1000, "mkdir w/d 0755", "chmod w/d 0555", "mkdir w/d/e 0755");
        t.c("sticky directory: another user cannot unlink", "EPERM",
                "mkdir t 0777", "chmod t 01777", U1000, "put t/f x", U1001, "unlink t/f");
        t.c("sticky directory: another user cannot rename away", "EPERM",
                "mkdir t 0777", "chmod t 01777", U1000, "put t/f x", U1001, "rename t/f t/g");
        t.c("sticky directory: another user cannot replace by rename", "EPERM",
                "mkdir t 0777", "chmod t 01777", U1000, "put t/f x", U1001, "put t/g y", "rename t/g t/f");
        t.c("sticky directory: the file owner may unlink", "ok",
                "mkdir t 0777", "chmod t 01777", U1000, "put t/f x", "unlink t/f");
        t.c("sticky directory: the directory owner may unlink others' files", "ok",
                "mkdir t 0777", "chmod t 01777", "chown t 1001 1001", U1000, "put t/f x", U1001, "unlink t/f");
        t.c("sticky directory: root may unlink others' files", "ok",
                "mkdir t 0777", "chmod t 01777", U1000, "put t/f x", "as 0", "unlink t/f");
        t.c("setgid directory: a new file takes the directory's group", "ok reg 0644 n1 u1000 g100 s1",
                "mkdir s 0777", "chown s 0 100", "chmod s 02777", U1000, "put s/f x", "stat s/f");
        t.c("setgid directory: a new subdirectory takes the group and the setgid bit", "ok dir 2755 n2 u1000 g100",
                "mkdir s 0777", "chown s 0 100", "chmod s 02777", U1000, "mkdir s/d 0755", "stat s/d");
        t.c("setgid directory: a non-member's new file loses S_ISGID", "ok reg 0755 n1 u1000 g100 s0",
                "mkdir s 0777", "chown s 0 100", "chmod s 02777", U1000, "open o s/f O_WRONLY|O_CREAT 02755",
                "stat s/f");
        t.c("chmod by a non-owner", "EPERM", "put f x", U1000, "chmod f 0777");
        t.c("chmod by the owner", "ok reg 0751 n1 u1000 g1000 s1", W, W_OPEN, U1000, "put w/f x",
                "chmod w/f 0751", "stat w/f");
        t.c("chmod g+s by an owner outside the group drops S_ISGID", "ok reg 0755 n1 u1000 g100 s1",
                "put f x", "chown f 1000 100", U1000, "chmod f 02755", "stat f");
        t.c("chmod g+s by root keeps it", "ok reg 2755 n1 u1000 g100 s1",
                "put f x", "chown f 1000 100", "chmod f 02755", "stat f");
        t.c("a user cannot give a file away", "EPERM", W, W_OPEN, U1000, "put w/f x", "chown w/f 1001 -1");
        t.c("the owner may change the group to one he is in", "ok reg 0644 n1 u1000 g100 s1",
                W, W_OPEN, U1000_G100, "put w/f x", "chown w/f -1 100", "stat w/f");
        t.c("the owner may not change the group to one he is not in", "EPERM",
                W, W_OPEN, U1000, "put w/f x", "chown w/f -1 100");
        t.c("chown -1 -1 by the owner", "ok", W, W_OPEN, U1000, "put w/f x", "chown w/f -1 -1");
        t.c("chown by root drops setuid and setgid of an executable", "ok reg 0755 n1 u1000 g1000 s1",
                "put f x", "chmod f 06755", "chown f 1000 1000", "stat f");
        t.c("a write by a non-owner drops setuid", "ok reg 0777 n1 u0 g0 s1",
                "put f x", "chmod f 04777", U1000, "open o f O_WRONLY", "write o y", "stat f");
        t.c("a write by the owner without CAP_FSETID drops setuid", "ok reg 0755 n1 u1000 g1000 s1",
                W, W_OPEN, U1000, "put w/f x", "chmod w/f 04755", "open o w/f O_WRONLY", "write o y", "stat w/f");
        t.c("chown by root keeps setgid of a file without group execute", "ok reg 2644 n1 u1000 g1000 s1",
                "put f x", "chmod f 06644", "chown f 1000 1000", "stat f");
        t.c("root reads a mode 0000 file", "ok x", "put f x", "chmod f 0000", "cat f");
        t.c("root cannot execute a file without any x bit", "EACCES", "put f x", "chmod f 0644", "access f x");
        t.c("root may execute when any x bit is set", "ok", "put f x", "chmod f 0001", "access f x");
        t.c("access W_OK of a read-only file for a user", "EACCES", "put f x", "chmod f 0444", U1000, "access f w");
        t.c("access R_OK via the group", "ok", "put f x", "chown f 0 100", "chmod f 0640", U1000_G100, "access f r");
        t.c("access F_OK of a missing name", "ENOENT", "access nope f");
        t.c("a non-owner cannot set explicit times", "EPERM", "put f x", "chmod f 0666", U1000, "utime f 1000 2000");
        t.c("a non-owner with write access may set times to now", "ok", "put f x", "chmod f 0666", U1000, "utime f now");
        t.c("a non-owner without write access cannot set times to now", "EACCES", "put f x", U1000, "utime f now");
        t.c("the owner may set explicit times", "ok", W, W_OPEN, U1000, "put w/f x", "chmod w/f 0444",
                "utime w/f 1000 2000");
        t.c("truncate without write permission", "EACCES", "put f x", U1000, "truncate f 0");
        t.c("O_TRUNC without write permission", "EACCES", "put f x", U1000, "open o f O_RDONLY|O_TRUNC");
        t.c("O_CREAT in a directory without write permission", "EACCES", "mkdir d 0755", U1000,
                "open o d/f O_WRONLY|O_CREAT 0644");
        t.c("O_CREAT of an existing writable file in an unwritable directory", "ok",
                "mkdir d 0755", "put d/f x", "chmod d/f 0666", U1000, "open o d/f O_WRONLY|O_CREAT 0644");
        t.c("O_PATH needs no read permission on the file", "ok reg 0000 n1 u0 g0 s1",
                "put f x", "chmod f 0000", U1000, "open o f O_PATH", "fstat o");
        t.c("moving a directory to another parent needs write permission on it", "EACCES",
                W, W_OPEN, "mkdir v 0777", "chmod v 0777", U1000, "mkdir w/d 0755", "chmod w/d 0555", "rename w/d v/d");
        t.c("renaming a directory within its parent needs no write permission on it", "ok",
                W, W_OPEN, U1000, "mkdir w/d 0755", "chmod w/d 0555", "rename w/d w/e");
        t.c("symlink needs write permission on the parent", "EACCES", "mkdir d 0755", U1000, "symlink x d/l");
        t.c("a user cannot lchown his symlink to another user", "EPERM",
                W, W_OPEN, U1000, "symlink x w/l", "lchown w/l 1001 -1");
        t.c("truncate by a non-owner drops setuid", "ok reg 0766 n1 u0 g0 s0",
                "put f x", "chmod f 04766", U1000, "truncate f 0", "stat f");
        t.c("chmod g+s on a directory by an owner outside the group drops it", "ok dir 0755 n2 u1000 g100",
                "mkdir d 0755", "chown d 1000 100", U1000, "chmod d 02755", "stat d");
        t.c("a user may search a 0711 directory", "ok", "mkdir d 0711", U1000, "access d x");
        t.c("a user may not write a root-owned 0755 directory", "EACCES", "mkdir d 0755", U1000, "access d w");
        t.c("mknod of a FIFO needs write permission on the parent", "EACCES", "mkdir d 0755", U1000, "mknod d/p p 0644");
        t.c("rmdir of a non-empty directory without permission: EACCES first", "EACCES",
                "mkdir d 0755", "mkdir d/e 0755", "put d/e/f x", U1000, "rmdir d/e");
        t.c("mkdir of an existing name without write permission: EEXIST first", "EEXIST",
                "mkdir d 0755", "mkdir d/e 0755", U1000, "mkdir d/e 0755");
        t.c("unlink of a missing name without write permission: ENOENT first", "ENOENT",
                "mkdir d 0755", U1000, "unlink d/nope");
        t.c("O_CREAT|O_EXCL of an existing name without write permission: EEXIST first", "EEXIST",
                "mkdir d 0755", "put d/f x", U1000, "open o d/f O_WRONLY|O_CREAT|O_EXCL 0644");
        t.c("rename onto itself without write permission", "ok", "mkdir d 0755", "put d/f x", U1000,
                "rename d/f d/f");
        t.c("chown to his own uid by the owner", "ok", W, W_OPEN, U1000, "put w/f x", "chown w/f 1000 -1");
        t.c("the owner sets the sticky bit on a file", "ok reg 1644 n1 u1000 g1000 s1",
                W, W_OPEN, U1000, "put w/f x", "chmod w/f 01644", "stat w/f");
        t.c("a write by the owner drops setgid of a group-executable file", "ok reg 0755 n1 u1000 g1000 s2",
                W, W_OPEN, U1000, "put w/f x", "chmod w/f 02755", "open o w/f O_WRONLY|O_APPEND", "write o y",
                "stat w/f");
        t.c("a write keeps setgid of a file without group execute", "ok reg 2644 n1 u1000 g1000 s2",
                W, W_OPEN, U1000, "put w/f x", "chmod w/f 02644", "open o w/f O_WRONLY|O_APPEND", "write o y",
                "stat w/f");
        t.c("chmod with file type bits in the mode", "ok reg 0640 n1 u0 g0 s1", "put f x", "chmod f 0100640",
                "stat f");
        t.c("O_CREAT keeps setuid and setgid bits for root", "ok reg 7755 n1 u0 g0 s0",
                "open o f O_WRONLY|O_CREAT 07777", "stat f");
        t.since(6, 6);
        t.c("sticky directory: another user cannot set user xattrs on it", "EPERM",
                "mkdir t 0777", "chmod t 01777", U1000, "setxattr t user.a v");
        t.since(0, 0);
        t.needs(PERMISSIONS, HARD_LINKS);
        t.c("protected hard links: a user cannot link a file he cannot read and write", "EPERM",
                W, W_OPEN, "put f x", "chmod f 0600", U1000, "link f w/l");
        t.c("protected hard links: a user may link his own file", "ok",
                W, W_OPEN, U1000, "put w/f x", "chmod w/f 0400", "link w/f w/l");
        return t.cases();
    }
}
