package dev.cairn.vfs.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every op of the oracle language is used by some row, so both interpreters are exercised. */
class OpLanguageCoverageTest {
    private static final List<String> LANGUAGE = List.of("mkdir", "rmdir", "unlink", "put", "cat", "open", "close",
            "write", "read", "pread", "pwrite", "lseek", "fstat", "ftruncate", "fls", "stat", "lstat", "same",
            "symlink", "readlink", "link", "linkf", "rename", "chmod", "chown", "lchown", "truncate", "access", "mknod",
            "ls", "ro", "setxattr", "lsetxattr", "getxattr", "listxattr", "removexattr", "as", "umask", "chdir", "getcwd",
            "utime");

    @Test
    void everyOpOfTheLanguageAppearsInTheTable() {
        Set<String> used = OracleCases.all().stream().flatMap(c -> c.ops().stream()).map(op -> op.get(0))
                .collect(Collectors.toSet());
        assertThat(used).containsAll(LANGUAGE);
        assertThat(LANGUAGE).containsAll(used);
    }

    @Test
    void anUnknownOpIsReportedAsAKitBugNotAnErrno() {
        assertThat(new OpRunner(null).runOne(List.of("frobnicate", "x"))).startsWith("X ");
    }
}
