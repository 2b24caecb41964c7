package dev.cairn.vfs.tck;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every path-taking operation on every kind of path, compared result by result with Linux
 * ({@link MatrixCases}). Needs the host oracle and {@link TckFeature#HOST_ORACLE}; skipped
 * otherwise.
 */
public abstract class ErrnoMatrixTck extends TckSuite {
    @TestFactory
    Stream<DynamicTest> everyOperationOnEveryKindOfPathAsOnLinux() {
        return oracleRows("matrix");
    }
}
