package dev.cairn.vfs.tck;

import static dev.cairn.vfs.tck.TckFeature.FIFO;
import static dev.cairn.vfs.tck.TckFeature.HARD_LINKS;
import static dev.cairn.vfs.tck.TckFeature.MKNOD;
import static dev.cairn.vfs.tck.TckFeature.PERMISSIONS;

import java.util.List;

/** Oracle rows for mknod(2): device nodes (CAP_MKNOD), FIFOs, regular files. */
final class NodeCases {
    private NodeCases() {
    }

    static List<OracleCase> cases() {
        OracleTable t = new OracleTable("mknod");
        t.c("mknod of a regular file", "ok reg 0640 n1 u0 g0 s0", "mknod f f 0640", "stat f");
        t.c("mknod of a directory type", "EPERM", "mknod d d 0755");
        t.needs(FIFO);
        t.c("mknod of a FIFO", "ok fifo 0644 n1 u0 g0", "mknod p p 0644", "stat p");
        t.c("mknod over an existing name", "EEXIST", "put f x", "mknod f p 0644");
        t.c("a FIFO opened O_WRONLY|O_NONBLOCK without a reader", "ENXIO", "mknod p p 0644",
                "open w p O_WRONLY|O_NONBLOCK");
        t.c("a FIFO opened O_RDONLY|O_NONBLOCK reads nothing without writers", "ok ", "mknod p p 0644",
                "open r p O_RDONLY|O_NONBLOCK", "read r 4");
        t.c("a FIFO carries data from writer to reader", "ok hi", "mknod p p 0644", "open r p O_RDONLY|O_NONBLOCK",
                "open w p O_WRONLY|O_NONBLOCK", "write w hi", "read r 10");
        t.c("lseek on a FIFO", "ESPIPE", "mknod p p 0644", "open r p O_RDONLY|O_NONBLOCK", "lseek r 0 SET");
        t.c("truncate of a FIFO", "EINVAL", "mknod p p 0644", "truncate p 0");
        t.c("mknod of a socket node", "ok sock 0644 n1 u0 g0", "mknod s s 0644", "stat s");
        t.c("opening a socket node", "ENXIO", "mknod s s 0644", "open o s O_RDONLY");
        t.c("SEEK_DATA on a FIFO", "ESPIPE", "mknod p p 0644", "open r p O_RDONLY|O_NONBLOCK", "lseek r 0 DATA");
        t.c("a FIFO open O_RDWR|O_NONBLOCK needs no peer", "ok 2", "mknod p p 0644", "open r p O_RDWR|O_NONBLOCK",
                "write r hi");
        t.c("a renamed FIFO keeps its pipe", "ok hi", "mknod p p 0644", "open r p O_RDONLY|O_NONBLOCK",
                "rename p q", "open w q O_WRONLY|O_NONBLOCK", "write w hi", "read r 10");
        t.needs(FIFO, HARD_LINKS);
        t.c("a FIFO's hard links open one pipe", "ok hi", "mknod p p 0644", "link p q",
                "open r p O_RDONLY|O_NONBLOCK", "open w q O_WRONLY|O_NONBLOCK", "write w hi", "read r 10");
        t.needs(FIFO, PERMISSIONS);
        t.c("a user makes a FIFO", "ok fifo 0640 n1 u1000 g1000", "mkdir w 0777", "chmod w 0777", "as 1000 1000",
                "mknod w/p p 0666", "umask 027", "mknod w/q p 0666", "stat w/q");
        t.needs(MKNOD);
        t.c("root makes a character device", "ok chr 0644 n1 u0 g0 r1:3", "mknod c c 0644 1 3", "stat c");
        t.c("root makes a block device", "ok blk 0600 n1 u0 g0 r8:1", "mknod b b 0600 8 1", "stat b");
        t.c("a device node with a large minor", "ok chr 0600 n1 u0 g0 r136:300", "mknod c c 0600 136 300", "stat c");
        t.needs(MKNOD, PERMISSIONS);
        t.c("a user cannot make a character device", "EPERM", "mkdir w 0777", "chmod w 0777", "as 1000 1000",
                "mknod w/c c 0644 1 3");
        t.c("a user cannot make a block device", "EPERM", "mkdir w 0777", "chmod w 0777", "as 1000 1000",
                "mknod w/b b 0644 8 1");
        return t.cases();
    }
}
