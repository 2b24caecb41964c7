package dev.cairn.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandSplitterTest {
    @Test
    void splitsAtSemicolonsAndNewlinesAndTrims() {
        assertThat(CommandSplitter.split("mkdir /a; write /a/f hello;cat /a/f\nmounts"))
                .containsExactly("mkdir /a", "write /a/f hello", "cat /a/f", "mounts");
    }

    @Test
    void dropsEmptyCommands() {
        assertThat(CommandSplitter.split(" ; ;\n\nls ;")).containsExactly("ls");
        assertThat(CommandSplitter.split("")).isEmpty();
    }

    @Test
    void keepsSeparatorsInsideQuotes() {
        assertThat(CommandSplitter.split("write /f 'a;b' \"c;d\"; cat /f"))
                .containsExactly("write /f 'a;b' \"c;d\"", "cat /f");
    }

    @Test
    void keepsSeparatorsInsideClosuresAndParentheses() {
        assertThat(CommandSplitter.split("each [1 2] { echo $it; echo x }; (echo a; echo b); ls"))
                .containsExactly("each [1 2] { echo $it; echo x }", "(echo a; echo b)", "ls");
    }

    @Test
    void escapedSemicolonDoesNotSplit() {
        assertThat(CommandSplitter.split("echo a\\;b; ls")).containsExactly("echo a\\;b", "ls");
    }

    @Test
    void unbalancedClosingBracketDoesNotSwallowLaterSeparators() {
        assertThat(CommandSplitter.split("echo }; ls")).containsExactly("echo }", "ls");
    }
}
