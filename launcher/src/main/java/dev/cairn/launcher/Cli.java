package dev.cairn.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code cairn} command line, parsed into a {@link Plan} (nothing runs while parsing).
 *
 * <pre>
 * cairn [OPTIONS]                 boot the default sandbox, print its mounts and /dev, open the shell
 * cairn run [OPTIONS] [-c CMDS]   the same; with -c run "CMD; CMD" without a terminal (exit 1 on failure)
 * cairn shell [OPTIONS]           the interactive shell without the banner
 * cairn mounts [OPTIONS]          print the sandbox's mount table (/proc/mounts format) and exit
 * </pre>
 */
final class Cli {
    private Cli() {
    }

    /** What to do once the framework runs. */
    enum Mode { BANNER_AND_SHELL, SHELL, COMMANDS, DONE }

    /**
     * A parsed command line.
     *
     * @param mode           what to run
     * @param quiet          no banner, no progress lines
     * @param deployDir      FileInstall's directory
     * @param allowUserMount types to add to the boot policy's allowUserMount
     * @param commands       the text of {@code -c} (COMMANDS only)
     * @param sandboxId      id of the sandbox to boot
     * @param exitCode       for DONE: the status to exit with (help, version, usage errors)
     */
    record Plan(Mode mode, boolean quiet, Path deployDir, List<String> allowUserMount, String commands,
                String sandboxId, int exitCode) {
        Plan {
            allowUserMount = List.copyOf(allowUserMount);
        }
    }

    /** Options every form takes. */
    static final class Common {
        @Option(names = {"-q", "--quiet"}, description = "No banner and no progress lines.")
        boolean quiet;

        @Option(names = "--deploy", paramLabel = "DIR", defaultValue = "deploy",
                description = "Hot-deploy directory watched by Felix FileInstall (default: ./deploy).")
        Path deploy;

        @Option(names = "--allow-user-mount", paramLabel = "TYPE",
                description = "Let shell users mount TYPE (boot policy, written through Configuration Admin). Repeatable.")
        List<String> allow = new ArrayList<>();

        @Option(names = "--sandbox", paramLabel = "ID", defaultValue = "default",
                description = "Id of the sandbox to boot (default: ${DEFAULT-VALUE}).")
        String sandbox;

        Plan plan(Mode mode, String commands) {
            return new Plan(mode, quiet, deploy.toAbsolutePath().normalize(), allow, commands, sandbox, 0);
        }
    }

    @Command(name = "cairn", mixinStandardHelpOptions = true, version = "cairn 0.1.0",
            description = "Cairn: a Linux-compatible virtual filesystem in an embedded OSGi framework.",
            subcommands = {RunCommand.class, ShellCommand.class, MountsCommand.class})
    static final class Root implements Callable<Plan> {
        @Mixin
        Common common = new Common();

        @Override
        public Plan call() {
            return common.plan(Mode.BANNER_AND_SHELL, null);
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Boot the sandbox; run commands with -c (exit 1 at the first failing one), else open the shell.")
    static final class RunCommand implements Callable<Plan> {
        @Mixin
        Common common = new Common();

        @Option(names = {"-c", "--command"}, paramLabel = "CMDS",
                description = "Commands separated by ';' or newlines, run without a terminal.")
        String commands;

        @Override
        public Plan call() {
            return commands == null ? common.plan(Mode.BANNER_AND_SHELL, null) : common.plan(Mode.COMMANDS, commands);
        }
    }

    @Command(name = "shell", mixinStandardHelpOptions = true,
            description = "Boot the sandbox and open the interactive shell, without the banner.")
    static final class ShellCommand implements Callable<Plan> {
        @Mixin
        Common common = new Common();

        @Override
        public Plan call() {
            return common.plan(Mode.SHELL, null);
        }
    }

    @Command(name = "mounts", mixinStandardHelpOptions = true,
            description = "Boot the sandbox, print its mount table (/proc/mounts format) and exit.")
    static final class MountsCommand implements Callable<Plan> {
        @Mixin
        Common common = new Common();

        @Override
        public Plan call() {
            common.quiet = true;
            return common.plan(Mode.COMMANDS, "mounts");
        }
    }

    /** Parses {@code args}; help, version and usage errors are printed and give a DONE plan. */
    static Plan parse(String[] args, java.io.PrintWriter out, java.io.PrintWriter err) {
        Plan[] result = new Plan[1];
        CommandLine cl = new CommandLine(new Root());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(parsed -> {
            int rc = new CommandLine.RunLast().execute(parsed);
            List<CommandLine> chain = parsed.asCommandLineList();
            Object r = chain.get(chain.size() - 1).getExecutionResult();
            result[0] = r instanceof Plan p ? p : null;
            return rc;
        });
        int rc = cl.execute(args);
        out.flush();
        err.flush();
        if (result[0] == null) {
            return new Plan(Mode.DONE, true, Path.of("deploy"), List.of(), null, "default", rc);
        }
        return result[0];
    }
}
