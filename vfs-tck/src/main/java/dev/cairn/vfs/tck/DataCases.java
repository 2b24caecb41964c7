package dev.cairn.vfs.tck;

import static dev.cairn.vfs.tck.TckFeature.HARD_LINKS;
import static dev.cairn.vfs.tck.TckFeature.SPARSE;

import java.util.List;

/** Oracle rows for file data: read/write/seek/append/truncate, holes, unlinked open files. */
final class DataCases {
    private static final String RW = "open o f O_RDWR|O_CREAT 0644";

    private DataCases() {
    }

    static List<OracleCase> cases() {
        OracleTable t = new OracleTable("data");
        t.c("write then read back", "ok hello", RW, "write o hello", "lseek o 0 SET", "read o 10");
        t.c("read at end of file returns nothing", "ok ", RW, "write o hello", "read o 5");
        t.c("pread does not move the offset", "ok hel", RW, "write o hello", "lseek o 0 SET", "pread o 2 1", "read o 3");
        t.c("pwrite does not move the offset", "ok 5", RW, "write o hello", "pwrite o J 0", "lseek o 0 CUR");
        t.c("pwrite past the end leaves a hole of zeros", "ok 0000ab", RW, "pwrite o ab 4", "cat f");
        t.c("lseek past the end then write", "ok reg 0644 n1 u0 g0 s4", RW, "lseek o 3 SET", "write o z", "stat f");
        t.c("read of a hole", "ok 000z", RW, "lseek o 3 SET", "write o z", "cat f");
        t.c("SEEK_END", "ok 3", "put f hello", "open o f O_RDONLY", "lseek o -2 END");
        t.c("SEEK_END past the end", "ok 15", "put f hello", "open o f O_RDONLY", "lseek o 10 END");
        t.c("SEEK_CUR", "ok 4", "put f hello", "open o f O_RDONLY", "read o 2", "lseek o 2 CUR");
        t.c("a negative resulting offset", "EINVAL", "put f hello", "open o f O_RDONLY", "lseek o -1 SET");
        t.c("SEEK_CUR to a negative offset", "EINVAL", "put f hello", "open o f O_RDONLY", "lseek o -1 CUR");
        t.c("SEEK_DATA at 0 of a file with data", "ok 0", "put f hello", "open o f O_RDONLY", "lseek o 0 DATA");
        t.c("SEEK_HOLE of a dense file is its end", "ok 5", "put f hello", "open o f O_RDONLY", "lseek o 0 HOLE");
        t.c("SEEK_DATA at the end of file", "ENXIO", "put f hello", "open o f O_RDONLY", "lseek o 5 DATA");
        t.c("SEEK_HOLE past the end of file", "ENXIO", "put f hello", "open o f O_RDONLY", "lseek o 9 HOLE");
        t.c("SEEK_DATA of an empty file", "ENXIO", "put f", "open o f O_RDONLY", "lseek o 0 DATA");
        t.c("truncate extends with zeros", "ok ab00", "put f ab", "truncate f 4", "cat f");
        t.c("truncate shrinks", "ok ab", "put f abcdef", "truncate f 2", "cat f");
        t.c("truncate then extend again reads zeros", "ok ab0000", "put f abcdef", "truncate f 2",
                "truncate f 6", "cat f");
        t.c("truncate of a directory", "EISDIR", "mkdir d 0755", "truncate d 0");
        t.c("truncate to a negative length", "EINVAL", "put f x", "truncate f -1");
        t.c("ftruncate on an O_RDONLY fd", "EINVAL", "put f x", "open o f O_RDONLY", "ftruncate o 0");
        t.c("ftruncate keeps the offset: a write after it leaves a hole", "ok 00000x",
                RW, "write o hello", "ftruncate o 0", "write o x", "cat f");
        t.c("two fds of one file share its data", "ok hi", RW, "open p f O_RDONLY", "write o hi", "read p 2");
        t.c("an unlinked open file stays readable", "ok data", "put f data", "open o f O_RDWR", "unlink f", "read o 4");
        t.c("an unlinked open file stays writable, with no links", "ok reg 0644 n0 u0 g0 s8",
                "put f data", "open o f O_RDWR", "unlink f", "pwrite o more 4", "fstat o");
        t.c("an unlinked open file's name is free for a new file", "ok old",
                "put f old", "open o f O_RDONLY", "unlink f", "put f new", "read o 3");
        t.c("the new file under a reused name is a different file", "ok new",
                "put f old", "open o f O_RDONLY", "unlink f", "put f new", "cat f");
        t.c("getdents of a removed directory through an open fd", "ENOENT",
                "mkdir d 0755", "open o d O_RDONLY|O_DIRECTORY", "rmdir d", "fls o");
        t.c("listing through a directory fd", "ok a,b", "mkdir d 0755", "put d/a", "put d/b",
                "open o d O_RDONLY|O_DIRECTORY", "fls o");
        t.c("pwrite at a negative offset", "EINVAL", RW, "pwrite o x -1");
        t.c("pread at a negative offset", "EINVAL", RW, "pread o 1 -1");
        t.c("a read of zero bytes", "ok ", "put f abc", "open o f O_RDONLY", "read o 0");
        t.c("overwrite in the middle keeps the rest", "ok aXYd", "put f abcd", "open o f O_WRONLY", "pwrite o XY 1",
                "cat f");
        t.c("SEEK_DATA from a negative offset", "ENXIO", "put f hello", "open o f O_RDONLY", "lseek o -1 DATA");
        t.c("SEEK_SET to a huge offset", "ok 9223372036854775807", "put f hello", "open o f O_RDONLY",
                "lseek o 9223372036854775807 SET");
        t.needs(HARD_LINKS);
        t.c("a hard link keeps the data after the first name is unlinked", "ok x",
                "put f x", "link f g", "unlink f", "cat g");
        t.c("writes through one link are read through the other", "ok xyz",
                "put f x", "link f g", "open o g O_WRONLY|O_APPEND", "write o yz", "cat f");
        t.needs(SPARSE);
        t.c("SEEK_DATA skips a leading hole", "ok 65536", RW, "pwrite o x 65536", "lseek o 0 DATA");
        t.c("SEEK_HOLE finds the hole after the first page", "ok 4096",
                RW, "pwrite o x 0", "pwrite o y 65536", "lseek o 0 HOLE");
        t.c("SEEK_DATA from inside a hole", "ok 65536", RW, "pwrite o x 0", "pwrite o y 65536", "lseek o 5000 DATA");
        t.c("SEEK_HOLE inside a trailing hole made by truncate", "ok 4096",
                RW, "pwrite o x 0", "ftruncate o 1000000", "lseek o 10 HOLE");
        t.c("SEEK_DATA into a trailing hole made by truncate", "ENXIO",
                RW, "pwrite o x 0", "ftruncate o 1000000", "lseek o 8192 DATA");
        t.c("a write at 1 TiB makes a sparse file of that size", "ok reg 0644 n1 u0 g0 s1099511627777",
                RW, "pwrite o x 1099511627776", "fstat o");
        t.c("a read just below 1 TiB in a sparse file reads zeros", "ok 00x",
                RW, "pwrite o x 1099511627776", "pread o 3 1099511627774");
        t.c("a write whose end overflows the offset type", "EINVAL", RW, "pwrite o x 9223372036854775807");
        t.c("a write of the byte before the largest offset works", "ok 1", RW, "pwrite o x 9223372036854775806");
        t.c("truncate to the largest size", "ok reg 0644 n1 u0 g0 s9223372036854775807",
                "put f x", "truncate f 9223372036854775807", "stat f");
        return t.cases();
    }
}
