package dev.cairn.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArgsAndModesTest {
    @Test
    void combinedFlagsValuesAndDoubleDash() throws ShellException {
        Args a = Args.parse("x", new String[] {"-rf", "-tTYPE", "-o", "a,b", "op1", "--", "-notflag"}, "rf", "to");
        assertThat(a.has('r')).isTrue();
        assertThat(a.has('f')).isTrue();
        assertThat(a.value('t')).isEqualTo("TYPE");
        assertThat(a.value('o')).isEqualTo("a,b");
        assertThat(a.operands()).containsExactly("op1", "-notflag");
    }

    @Test
    void badOptionsAreWordedLikeGetopt() {
        assertThatThrownBy(() -> Args.parse("ls", new String[] {"-q"}, "l", ""))
                .hasMessage("ls: invalid option -- 'q'");
        assertThatThrownBy(() -> Args.parse("mount", new String[] {"-t"}, "", "t"))
                .hasMessage("mount: option requires an argument -- 't'");
        assertThatThrownBy(() -> Args.parse("ls", new String[] {"--all"}, "l", ""))
                .hasMessage("ls: unrecognized option '--all'");
        assertThatThrownBy(() -> Args.parse("mv", new String[] {"a"}, "", "").operands("mv", 2))
                .hasMessage("mv: missing operand after 'a'");
    }

    @Test
    void modeStringsIncludeSpecialBits() {
        assertThat(Modes.modeString(0100644)).isEqualTo("-rw-r--r--");
        assertThat(Modes.modeString(0041777)).isEqualTo("drwxrwxrwt");
        assertThat(Modes.modeString(0104755)).isEqualTo("-rwsr-xr-x");
        assertThat(Modes.modeString(0102644)).isEqualTo("-rw-r-Sr--");
        assertThat(Modes.modeString(0020666)).isEqualTo("crw-rw-rw-");
        assertThat(Modes.modeString(0120777)).isEqualTo("lrwxrwxrwx");
    }

    @Test
    void chmodSpecsMatchCoreutils() {
        assertThat(Modes.applyChmod("755", 0, false)).isEqualTo(0755);
        assertThat(Modes.applyChmod("u+x", 0644, false)).isEqualTo(0744);
        assertThat(Modes.applyChmod("go-r", 0644, false)).isEqualTo(0600);
        assertThat(Modes.applyChmod("a=r", 0777, false)).isEqualTo(0444);
        assertThat(Modes.applyChmod("+t", 0777, true)).isEqualTo(01777);
        assertThat(Modes.applyChmod("a+X", 0644, true)).isEqualTo(0755);
        assertThat(Modes.applyChmod("a+X", 0644, false)).isEqualTo(0644);
        assertThat(Modes.applyChmod("u=rw,g=r,o=", 0777, false)).isEqualTo(0640);
        assertThatThrownBy(() -> Modes.applyChmod("8", 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Modes.applyChmod("u", 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Modes.applyChmod("12345", 0, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
