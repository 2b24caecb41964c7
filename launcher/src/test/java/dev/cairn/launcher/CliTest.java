package dev.cairn.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Cli.Plan parse(String... args) {
        return Cli.parse(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void noArgumentsBootsWithBannerAndOpensTheShell() {
        Cli.Plan p = parse();
        assertThat(p.mode()).isEqualTo(Cli.Mode.BANNER_AND_SHELL);
        assertThat(p.quiet()).isFalse();
        assertThat(p.sandboxId()).isEqualTo("default");
        assertThat(p.deployDir()).isEqualTo(Path.of("deploy").toAbsolutePath().normalize());
        assertThat(p.allowUserMount()).isEmpty();
    }

    @Test
    void runWithCommandsRunsThemQuietly() {
        Cli.Plan p = parse("run", "-q", "-c", "mkdir /a; write /a/f hello");
        assertThat(p.mode()).isEqualTo(Cli.Mode.COMMANDS);
        assertThat(p.quiet()).isTrue();
        assertThat(p.commands()).isEqualTo("mkdir /a; write /a/f hello");
    }

    @Test
    void runWithoutCommandsIsTheInteractiveDefault() {
        assertThat(parse("run").mode()).isEqualTo(Cli.Mode.BANNER_AND_SHELL);
    }

    @Test
    void shellHasNoBanner() {
        assertThat(parse("shell").mode()).isEqualTo(Cli.Mode.SHELL);
    }

    @Test
    void mountsPrintsTheTableQuietly() {
        Cli.Plan p = parse("mounts", "--deploy", "d");
        assertThat(p.mode()).isEqualTo(Cli.Mode.COMMANDS);
        assertThat(p.commands()).isEqualTo("mounts");
        assertThat(p.quiet()).isTrue();
    }

    @Test
    void allowUserMountIsRepeatableAndDeployDirIsAbsolute() {
        Cli.Plan p = parse("run", "--allow-user-mount", "hello", "--allow-user-mount=other",
                "--deploy", "some/dir", "-c", "mounts");
        assertThat(p.allowUserMount()).containsExactly("hello", "other");
        assertThat(p.deployDir()).isAbsolute();
        assertThat(p.deployDir().endsWith(Path.of("some", "dir"))).isTrue();
    }

    @Test
    void optionsAlsoWorkWithoutSubcommand() {
        Cli.Plan p = parse("-q", "--sandbox", "box1");
        assertThat(p.mode()).isEqualTo(Cli.Mode.BANNER_AND_SHELL);
        assertThat(p.quiet()).isTrue();
        assertThat(p.sandboxId()).isEqualTo("box1");
    }

    @Test
    void unknownOptionIsAUsageErrorWithStatus2() {
        Cli.Plan p = parse("run", "--bogus");
        assertThat(p.mode()).isEqualTo(Cli.Mode.DONE);
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--bogus'");
    }

    @Test
    void missingCommandTextIsAUsageError() {
        Cli.Plan p = parse("run", "-c");
        assertThat(p.mode()).isEqualTo(Cli.Mode.DONE);
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(err.toString()).contains("-c");
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        Cli.Plan p = parse("--help");
        assertThat(p.mode()).isEqualTo(Cli.Mode.DONE);
        assertThat(p.exitCode()).isZero();
        assertThat(out.toString()).contains("Usage: cairn").contains("run").contains("shell");
    }

    @Test
    void runHelpDescribesDashC() {
        Cli.Plan p = parse("run", "--help");
        assertThat(p.exitCode()).isZero();
        assertThat(out.toString()).contains("-c, --command=CMDS").contains("--allow-user-mount=TYPE");
    }
}
