package dev.cairn.vfs.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The kit fails a broken filesystem: each planted fault makes its suite report failures. */
class KitDetectsFaultsTest {
    @ParameterizedTest
    @ValueSource(classes = {
        FaultyMemFsSuites.LinksWithoutCounts.class,
        FaultyMemFsSuites.ReaddirIgnoringCookies.class,
        FaultyMemFsSuites.XattrsIgnoringReplace.class,
        FaultyMemFsSuites.PermissionsIgnoringChmod.class,
        FaultyMemFsSuites.RenameKeepingReplacedLinks.class,
        FaultyMemFsSuites.TimestampsWithoutCtime.class})
    void aPlantedFaultFailsItsSuite(Class<?> suite) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(suite)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        List<String> failed = summary.getFailures().stream()
                .map(f -> f.getTestIdentifier().getDisplayName()).collect(Collectors.toList());
        assertThat(summary.getTestsFoundCount()).as("tests found in %s", suite.getSimpleName()).isPositive();
        assertThat(summary.getTotalFailureCount()).as("failures of %s: %s", suite.getSimpleName(), failed).isPositive();
    }
}
