package dev.cairn.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedFelixTest {
    @Test
    void loggingAndSpiFlyStartAtLevelOneEverythingElseAtTwo() {
        assertThat(EmbeddedFelix.startLevel("slf4j-api.jar")).isEqualTo(1);
        assertThat(EmbeddedFelix.startLevel("slf4j-simple.jar")).isEqualTo(1);
        assertThat(EmbeddedFelix.startLevel("org.apache.aries.spifly.dynamic.bundle.jar")).isEqualTo(1);
        assertThat(EmbeddedFelix.startLevel("asm-commons.jar")).isEqualTo(1);
        assertThat(EmbeddedFelix.startLevel("org.apache.felix.scr.jar")).isEqualTo(2);
        assertThat(EmbeddedFelix.startLevel("boot.jar")).isEqualTo(2);
    }

    @Test
    void installOrderPutsAsmThenSpiFlyThenSlf4jBeforeTheRest(@TempDir Path dir) throws IOException {
        for (String n : List.of("shell.jar", "slf4j-simple.jar", "slf4j-api.jar", "asm-util.jar", "asm.jar",
                "org.apache.aries.spifly.dynamic.bundle.jar", "boot.jar", "notes.txt")) {
            Files.createFile(dir.resolve(n));
        }
        List<String> order = EmbeddedFelix.bundleJars(dir).stream().map(p -> p.getFileName().toString()).toList();
        assertThat(order).containsExactly("asm.jar", "asm-util.jar", "org.apache.aries.spifly.dynamic.bundle.jar",
                "slf4j-api.jar", "slf4j-simple.jar", "boot.jar", "shell.jar");
    }

    @Test
    void missingBundleDirectoryIsReportedWithTheBuildCommand(@TempDir Path dir) {
        assertThatThrownBy(() -> EmbeddedFelix.bundleJars(dir.resolve("nope")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("mvn -B -DskipTests install");
    }
}
