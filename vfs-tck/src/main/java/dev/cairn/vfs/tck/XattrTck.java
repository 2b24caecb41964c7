package dev.cairn.vfs.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.Errno;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Extended attributes: the oracle rows plus binary values and many names. */
public abstract class XattrTck extends TckSuite {
    @TestFactory
    Stream<DynamicTest> xattrAsOnLinux() {
        return oracleRows("xattr");
    }

    @Test
    void binaryValuesRoundTrip() throws Exception {
        assume(TckFeature.XATTR_USER);
        put(root, "/f", "");
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        root.setxattr("/f", "user.bin", value, 0, true);
        assertThat(root.getxattr("/f", "user.bin", true)).isEqualTo(value);
    }

    @Test
    void manyNamesAreAllListed() throws Exception {
        assume(TckFeature.XATTR_USER);
        put(root, "/f", "");
        for (int i = 0; i < 100; i++) {
            root.setxattr("/f", "user.k" + i, new byte[] {(byte) i}, 0, true);
        }
        assertThat(root.listxattr("/f", true).stream().filter(n -> n.startsWith("user.k"))).hasSize(100);
    }

    @Test
    void settingAnAttributeChangesCtime() throws Exception {
        assume(TckFeature.XATTR_USER);
        put(root, "/f", "");
        long before = root.stat("/f").ctimeNanos();
        TimestampTck.tick();
        root.setxattr("/f", "user.a", new byte[] {1}, 0, true);
        assertThat(root.stat("/f").ctimeNanos()).isGreaterThan(before);
    }

    @Test
    void withoutXattrSupportTheErrorIsEopnotsupp() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(fixture.features().contains(TckFeature.XATTR_USER),
                "the filesystem supports user xattrs");
        put(root, "/f", "");
        assertErrno(Errno.EOPNOTSUPP, () -> root.setxattr("/f", "user.a", new byte[] {1}, 0, true));
    }
}
