package dev.cairn.fs.gofer.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The architecture-dependent parts of the host layer: open flags and struct stat layouts. */
class HostArchTest {
    @TempDir
    Path tmp;

    @Test
    void osArchNamesMapToTheirLayouts() {
        assertThat(HostArch.of("amd64")).isEqualTo(HostArch.X86_64);
        assertThat(HostArch.of("aarch64")).isEqualTo(HostArch.AARCH64);
        assertThat(HostArch.of("ppc64le").supported()).isFalse();
    }

    @Test
    void arm64NumbersDirectoryAndNofollowLike32BitArm() {
        // arch/arm64/include/uapi/asm/fcntl.h and arch/x86 (asm-generic) values
        assertThat(HostArch.AARCH64.oDirectory).isEqualTo(040000);
        assertThat(HostArch.AARCH64.oNofollow).isEqualTo(0100000);
        assertThat(HostArch.X86_64.oDirectory).isEqualTo(0200000);
        assertThat(HostArch.X86_64.oNofollow).isEqualTo(0400000);
    }

    /** The generic struct stat (asm-generic/stat.h), as arm64 uses it: 128 bytes. */
    @Test
    void aGenericStructStatIsDecodedFieldByField() {
        ByteBuffer b = ByteBuffer.allocate(HostArch.STAT_BYTES).order(ByteOrder.nativeOrder());
        b.putLong(0, 0x801).putLong(8, 4242).putInt(16, 0100644).putInt(20, 3).putInt(24, 1000).putInt(28, 100)
                .putLong(32, 0x0501).putLong(48, 12345).putInt(56, 4096).putLong(64, 24)
                .putLong(72, 1_700_000_001).putLong(80, 11).putLong(88, 1_700_000_002).putLong(96, 22)
                .putLong(104, 1_700_000_003).putLong(112, 33);
        HostStat s = HostArch.AARCH64.decode(b);
        assertThat(s).isEqualTo(new HostStat(0x801, 4242, 3, 0100644, 1000, 100, 0x0501, 12345, 4096, 24,
                1_700_000_001, 11, 1_700_000_002, 22, 1_700_000_003, 33));
    }

    /** On this machine: the running architecture's decoding agrees with java.nio's view of a file. */
    @Test
    void thisMachinesStatAgreesWithJavaNio() throws Exception {
        Path f = Files.write(tmp.resolve("f"), new byte[5000]);
        Files.setLastModifiedTime(f, FileTime.fromMillis(1_600_000_000_123L));
        Files.createLink(tmp.resolve("g"), f);
        int fd = Host.openAt(Libc.AT_FDCWD, f.toString(), Libc.O_PATH, 0, "test");
        try {
            HostStat s = Host.fstat(fd, "test");
            Map<String, Object> nio = Files.readAttributes(f, "unix:ino,mode,nlink,size,uid,gid,lastModifiedTime");
            assertThat(s.ino()).isEqualTo(nio.get("ino"));
            assertThat(s.mode()).isEqualTo(nio.get("mode"));
            assertThat(s.nlink()).isEqualTo(((Number) nio.get("nlink")).longValue()).isEqualTo(2);
            assertThat(s.size()).isEqualTo(5000);
            assertThat(s.uid()).isEqualTo(nio.get("uid"));
            assertThat(s.mtimeSec() * 1000 + s.mtimeNsec() / 1_000_000).isEqualTo(1_600_000_000_123L);
        } finally {
            Host.close(fd);
        }
    }
}
