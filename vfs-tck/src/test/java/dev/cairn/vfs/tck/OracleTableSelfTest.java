package dev.cairn.vfs.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The oracle table itself, checked against Linux: every row's expectation is what a host tmpfs answers. */
class OracleTableSelfTest {
    @TestFactory
    Stream<DynamicTest> everyRowExpectsWhatLinuxAnswers() {
        HostOracle host = HostOracle.get();
        Assumptions.assumeTrue(host.unavailableReason().isEmpty(), () -> host.unavailableReason().orElse(""));
        return OracleCases.all().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Assumptions.assumeTrue(host.resultsFor(c).isPresent(), "the host kernel predates this row");
            List<String> r = host.resultsFor(c).orElseThrow();
            assertThat(r).as("host results of %s", c).noneMatch(s -> s.startsWith("X "));
            if (c.expect() == null) {
                return;
            }
            assertThat(r.get(r.size() - 1)).as("%s: table says %s, Linux gave %s", c, c.expect(), r).isEqualTo(c.expect());
        }));
    }

    @Test
    void caseNamesAreUniqueWithinATopic() {
        assertThat(OracleCases.all().stream().map(OracleCase::toString)).doesNotHaveDuplicates();
    }
}
