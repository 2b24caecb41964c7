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

    @Test
    void withoutRootOrBindTheLayoutIsTheTmpfsOne() {
        Cli.Layout l = parse("run", "-c", "pwd").layout();
        assertThat(l.usesGofers()).isFalse();
        assertThat(l.root()).isNull();
    }

    @Test
    void rootAndBindsParseInCommandLineOrder() {
        Cli.Plan p = parse("shell", "--root", "r", "--root-ro", "--shared-root", "--bind", "/h/a:/mnt/a",
                "--bind", "b:/mnt/b:ro", "--bind", "/h/c:/c:rw");
        Cli.Layout l = p.layout();
        assertThat(p.mode()).isEqualTo(Cli.Mode.SHELL);
        assertThat(l.root()).isEqualTo(Path.of("r").toAbsolutePath());
        assertThat(l.rootReadOnly()).isTrue();
        assertThat(l.sharedRoot()).isTrue();
        assertThat(l.binds()).containsExactly(
                new Cli.Bind(Path.of("/h/a"), "/mnt/a", false),
                new Cli.Bind(Path.of("b").toAbsolutePath(), "/mnt/b", true),
                new Cli.Bind(Path.of("/h/c"), "/c", false));
        assertThat(l.usesGofers()).isTrue();
    }

    @Test
    void bindWithARelativeDestinationIsAUsageError() {
        Cli.Plan p = parse("run", "--bind", "/h/a:mnt", "-c", "pwd");
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(err.toString()).contains("--bind '/h/a:mnt'").contains("not an absolute path");
    }

    @Test
    void bindWithoutADestinationOrWithAnUnknownFlagIsAUsageError() {
        assertThat(parse("run", "--bind", "/h/a", "-c", "pwd").exitCode()).isEqualTo(2);
        assertThat(parse("run", "--bind", "/h/a:/x:rx", "-c", "pwd").exitCode()).isEqualTo(2);
        assertThat(err.toString()).contains("expected HOSTDIR:DEST or HOSTDIR:DEST:ro");
    }

    @Test
    void rootReadOnlyWithoutRootIsAUsageError() {
        Cli.Plan p = parse("run", "--root-ro", "-c", "pwd");
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(err.toString()).contains("--root-ro needs --root HOSTDIR");
    }

    @Test
    void goferSubcommandPassesRootReadOnlyAndListenersToTheServer() {
        Cli.Plan p = parse("gofer", "--root", "/srv/x", "--ro", "--listen", "unix:/tmp/s", "--listen", "tcp:127.0.0.1:5640");
        assertThat(p.mode()).isEqualTo(Cli.Mode.GOFER);
        assertThat(p.goferArgs()).containsExactly("--root", "/srv/x", "--ro", "--listen", "unix:/tmp/s",
                "--listen", "tcp:127.0.0.1:5640");
    }

    @Test
    void goferSubcommandNeedsAListener() {
        Cli.Plan p = parse("gofer", "--root", "/srv/x");
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(err.toString()).contains("--listen");
    }
}
