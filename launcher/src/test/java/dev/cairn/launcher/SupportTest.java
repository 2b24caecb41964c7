package dev.cairn.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupportTest {
    /** Stands for the shell bundle's exception: describe() goes by the simple class name. */
    static final class ShellException extends Exception {
        private static final long serialVersionUID = 1L;

        ShellException(String m) {
            super(m);
        }
    }

    public interface Greeter {
        String greet(String who, int times) throws ShellException;
    }

    static final class Impl implements Greeter {
        @Override
        public String greet(String who, int times) throws ShellException {
            if (times < 0) {
                throw new ShellException("greet: negative count");
            }
            return (who + " ").repeat(times).trim();
        }
    }

    @Test
    void reflectCallsInterfaceMethodsWithBoxedArguments() throws Reflect.Failure {
        assertThat(Reflect.call(new Impl(), "greet", "hi", 2)).isEqualTo("hi hi");
    }

    @Test
    void reflectUnwrapsTheCommandsOwnException() {
        assertThatThrownBy(() -> Reflect.call(new Impl(), "greet", "hi", -1))
                .isInstanceOf(Reflect.Failure.class)
                .hasMessage("greet: negative count")
                .satisfies(f -> assertThat(GogoSession.describe((Reflect.Failure) f)).isEqualTo("greet: negative count"));
    }

    @Test
    void reflectNamesAMissingMethod() {
        assertThatThrownBy(() -> Reflect.call(new Impl(), "wave"))
                .isInstanceOf(Reflect.Failure.class).hasMessageContaining("wave");
    }

    @Test
    void policyNamesAcceptArraysCollectionsAndCommaStrings() {
        assertThat(CairnRuntime.names(new String[] {"a", "b"})).containsExactly("a", "b");
        assertThat(CairnRuntime.names(List.of("x"))).containsExactly("x");
        assertThat(CairnRuntime.names("hello, other")).containsExactly("hello", "other");
        assertThat(CairnRuntime.names(null)).isEmpty();
    }

    @Test
    void frameworkPropertiesConfigureFileInstallAndSilenceGogoShellsConsole() {
        Map<String, String> p = CairnRuntime.frameworkProperties(java.nio.file.Path.of("/d"));
        assertThat(p).containsEntry("felix.fileinstall.dir", "/d")
                .containsEntry("felix.fileinstall.poll", "1000")
                .containsEntry("felix.fileinstall.enableConfigSave", "false")
                .containsEntry("felix.fileinstall.start.level", "2");
        assertThat(p.get("gosh.args")).contains("--nointeractive");
    }
}
