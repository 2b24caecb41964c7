package dev.cairn.vfs.tck;

import static dev.cairn.vfs.tck.TckFeature.SYMLINKS;

import java.util.List;

/** Oracle rows for open(2) flags: O_CREAT/O_EXCL/O_TRUNC/O_APPEND/O_DIRECTORY/O_NOFOLLOW/O_PATH. */
final class OpenCases {
    private OpenCases() {
    }

    static List<OracleCase> cases() {
        OracleTable t = new OracleTable("open");
        t.c("O_CREAT makes mode & ~umask", "ok reg 0640 n1 u0 g0 s0", "open o f O_WRONLY|O_CREAT 0666", "umask 027",
                "open p g O_WRONLY|O_CREAT 0666", "fstat p");
        t.c("O_CREAT of an existing file keeps its data and mode", "ok reg 0644 n1 u0 g0 s3",
                "put f abc", "open o f O_WRONLY|O_CREAT 0600", "close o", "stat f");
        t.c("O_CREAT|O_EXCL of an existing file", "EEXIST", "put f x", "open o f O_WRONLY|O_CREAT|O_EXCL 0644");
        t.c("O_EXCL without O_CREAT is ignored", "ok", "put f x", "open o f O_RDONLY|O_EXCL");
        t.c("O_CREAT|O_EXCL creates even with mode 0000 and the fd is writable", "ok 1",
                "open o f O_WRONLY|O_CREAT|O_EXCL 0000", "write o x");
        t.c("O_CREAT in a missing directory", "ENOENT", "open o d/f O_WRONLY|O_CREAT 0644");
        t.c("O_CREAT with a trailing slash", "EISDIR", "open o f/ O_WRONLY|O_CREAT 0644");
        t.c("O_CREAT of an existing directory", "EISDIR", "mkdir d 0755", "open o d O_RDONLY|O_CREAT 0644");
        t.since(6, 4);
        t.c("O_CREAT|O_DIRECTORY", "EINVAL", "open o d O_RDONLY|O_CREAT|O_DIRECTORY 0644");
        t.since(0, 0);
        t.c("open of a missing name", "ENOENT", "open o nope O_RDONLY");
        t.c("O_TRUNC empties a file", "ok reg 0644 n1 u0 g0 s0", "put f abc", "open o f O_WRONLY|O_TRUNC", "stat f");
        t.c("O_TRUNC with O_RDONLY truncates too", "ok ", "put f abc", "open o f O_RDONLY|O_TRUNC", "cat f");
        t.c("O_APPEND writes at the end after lseek 0", "ok abcde",
                "put f abc", "open o f O_WRONLY|O_APPEND", "lseek o 0 SET", "write o de", "close o", "cat f");
        t.c("O_APPEND leaves the offset at the end", "ok 5",
                "put f abc", "open o f O_RDWR|O_APPEND", "write o de", "lseek o 0 CUR");
        t.c("pwrite on an O_APPEND fd appends (Linux)", "ok abcX",
                "put f abc", "open o f O_WRONLY|O_APPEND", "pwrite o X 0", "cat f");
        t.c("O_DIRECTORY on a regular file", "ENOTDIR", "put f x", "open o f O_RDONLY|O_DIRECTORY");
        t.c("O_DIRECTORY on a directory", "ok", "mkdir d 0755", "open o d O_RDONLY|O_DIRECTORY");
        t.c("a directory opened for writing", "EISDIR", "mkdir d 0755", "open o d O_WRONLY");
        t.c("a directory opened read-write", "EISDIR", "mkdir d 0755", "open o d O_RDWR");
        t.c("read on a directory fd", "EISDIR", "mkdir d 0755", "open o d O_RDONLY", "read o 1");
        t.c("write on an O_RDONLY fd", "EBADF", "put f x", "open o f O_RDONLY", "write o y");
        t.c("read on an O_WRONLY fd", "EBADF", "put f x", "open o f O_WRONLY", "read o 1");
        t.c("read on an O_PATH fd", "EBADF", "put f x", "open o f O_PATH", "read o 1");
        t.c("write on an O_PATH fd", "EBADF", "put f x", "open o f O_PATH", "write o y");
        t.c("fstat on an O_PATH fd", "ok reg 0644 n1 u0 g0 s1", "put f x", "open o f O_PATH", "fstat o");
        t.c("close of an O_PATH fd", "ok", "put f x", "open o f O_PATH", "close o");
        t.c("a closed slot is a bad fd", "EBADF", "put f x", "open o f O_RDONLY", "close o", "open p f O_RDONLY",
                "close p", "close o");
        t.c("O_APPEND|O_TRUNC empties then appends", "ok de",
                "put f abc", "open o f O_WRONLY|O_APPEND|O_TRUNC", "write o de", "cat f");
        t.c("root opens a mode 0000 file for writing", "ok", "put f x", "chmod f 0000", "open o f O_WRONLY");
        t.c("O_CREAT of a 255-byte name", "ok", "open o " + "n".repeat(255) + " O_WRONLY|O_CREAT 0644");
        t.c("lseek on a directory fd to 0", "ok 0", "mkdir d 0755", "open o d O_RDONLY", "lseek o 0 SET");
        t.c("O_TRUNC on a directory", "EISDIR", "mkdir d 0755", "open o d O_RDONLY|O_TRUNC");
        t.c("O_PATH|O_DIRECTORY on a regular file", "ENOTDIR", "put f x", "open o f O_PATH|O_DIRECTORY");
        t.c("O_PATH of a missing name", "ENOENT", "open o nope O_PATH");
        t.c("ftruncate on an O_PATH fd", "EBADF", "put f x", "open o f O_PATH", "ftruncate o 0");
        t.c("lseek on an O_PATH fd", "EBADF", "put f x", "open o f O_PATH", "lseek o 0 SET");
        t.c("listing through an O_PATH fd", "EBADF", "mkdir d 0755", "open o d O_PATH", "fls o");
        t.c("lseek SEEK_END on a directory fd", "EINVAL", "mkdir d 0755", "open o d O_RDONLY", "lseek o 0 END");
        t.needs(TckFeature.TMPFILE);
        t.c("O_TMPFILE makes an unnamed file", "ok reg 0600 n0 u0 g0 s1",
                "mkdir d 0755", "open o d O_RDWR|O_TMPFILE 0600", "write o x", "fstat o");
        t.c("O_TMPFILE leaves the directory empty", "ok ", "mkdir d 0755", "open o d O_RDWR|O_TMPFILE 0600", "ls d");
        t.c("O_TMPFILE on a regular file", "ENOTDIR", "put f x", "open o f O_RDWR|O_TMPFILE 0600");
        t.c("O_TMPFILE without write access mode", "EINVAL", "mkdir d 0755", "open o d O_RDONLY|O_TMPFILE 0600");
        t.needs(SYMLINKS);
        t.c("O_CREAT|O_EXCL on a dangling symlink", "EEXIST", "symlink t l", "open o l O_WRONLY|O_CREAT|O_EXCL 0644");
        t.c("O_CREAT through a dangling symlink creates its target", "ok reg 0600 n1 u0 g0 s0",
                "symlink t l", "open o l O_WRONLY|O_CREAT 0600", "close o", "lstat t");
        t.c("O_CREAT|O_EXCL on a symlink to an existing file", "EEXIST",
                "put f x", "symlink f l", "open o l O_WRONLY|O_CREAT|O_EXCL 0644");
        t.c("O_DIRECTORY through a symlink to a directory", "ok", "mkdir d 0755", "symlink d l",
                "open o l O_RDONLY|O_DIRECTORY");
        t.c("O_NOFOLLOW on a final symlink", "ELOOP", "put f x", "symlink f l", "open o l O_RDONLY|O_NOFOLLOW");
        t.c("O_NOFOLLOW follows symlinks before the last component", "ok",
                "mkdir d 0755", "put d/f x", "symlink d l", "open o l/f O_RDONLY|O_NOFOLLOW");
        t.c("O_PATH|O_NOFOLLOW opens the symlink itself", "ok lnk 0777 n1 u0 g0 s1",
                "put f x", "symlink f l", "open o l O_PATH|O_NOFOLLOW", "fstat o");
        t.c("O_PATH follows a final symlink without O_NOFOLLOW", "ok reg 0644 n1 u0 g0 s1",
                "put f x", "symlink f l", "open o l O_PATH", "fstat o");
        t.c("O_NOFOLLOW|O_DIRECTORY on a symlink to a directory", "ENOTDIR",
                "mkdir d 0755", "symlink d l", "open o l O_RDONLY|O_DIRECTORY|O_NOFOLLOW");
        t.c("O_CREAT|O_EXCL|O_NOFOLLOW on a symlink", "EEXIST", "symlink t l",
                "open o l O_WRONLY|O_CREAT|O_EXCL|O_NOFOLLOW 0644");
        return t.cases();
    }
}
