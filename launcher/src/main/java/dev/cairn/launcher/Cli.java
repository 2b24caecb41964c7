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
 * cairn gofer --root DIR [--ro] --listen unix:PATH|tcp:HOST:PORT
 *                                 serve DIR over 9P2000.L in the foreground, for outside clients
 * </pre>
 *
 * <p>The sandbox forms take {@code --root HOSTDIR [--root-ro] [--shared-root]} and
 * {@code --bind HOSTDIR:DEST[:ro]}: the root and the binds are host directories, each served
 * by a gofer process ({@link Gofers}); without {@code --root} the root is a tmpfs.
 */
final class Cli {
    private Cli() {
    }

    /** What to do once the framework runs. */
    enum Mode { BANNER_AND_SHELL, SHELL, COMMANDS, GOFER, DONE }

    /**
     * A {@code --bind HOSTDIR:DEST[:ro]}: the host directory served by a gofer at DEST.
     *
     * @param host     absolute, normalized host directory
     * @param dest     absolute path in the sandbox
     * @param readOnly mounted (and exported) read-only
     */
    record Bind(Path host, String dest, boolean readOnly) {
        /** Parses {@code HOSTDIR:DEST}, {@code HOSTDIR:DEST:ro} or {@code HOSTDIR:DEST:rw}. */
        static Bind parse(String text) {
            String[] parts = text.split(":", -1);
            boolean ro = false;
            int n = parts.length;
            if (n == 3 && (parts[2].equals("ro") || parts[2].equals("rw"))) {
                ro = parts[2].equals("ro");
                n = 2;
            }
            if (n != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new CommandLine.TypeConversionException(
                        "--bind '" + text + "': expected HOSTDIR:DEST or HOSTDIR:DEST:ro");
            }
            if (!parts[1].startsWith("/")) {
                throw new CommandLine.TypeConversionException(
                        "--bind '" + text + "': the destination " + parts[1] + " is not an absolute path");
            }
            return new Bind(Path.of(parts[0]).toAbsolutePath().normalize(), parts[1], ro);
        }
    }

    /**
     * Where the sandbox's files come from.
     *
     * @param root         host directory of a gofer root, or null for the tmpfs root
     * @param rootReadOnly the root is read-only (its gofer exports it read-only)
     * @param sharedRoot   the host may change the root's files too (no caching in the sandbox)
     * @param binds        bind mounts in command-line order
     */
    record Layout(Path root, boolean rootReadOnly, boolean sharedRoot, List<Bind> binds) {
        static final Layout TMPFS = new Layout(null, false, false, List.of());

        Layout {
            binds = List.copyOf(binds);
        }

        /** Whether any gofer is needed. */
        boolean usesGofers() {
            return root != null || !binds.isEmpty();
        }
    }

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
     * @param layout         root and bind mounts of the sandbox
     * @param goferArgs      for GOFER: the arguments of the gofer server
     */
    record Plan(Mode mode, boolean quiet, Path deployDir, List<String> allowUserMount, String commands,
                String sandboxId, int exitCode, Layout layout, List<String> goferArgs) {
        Plan {
            allowUserMount = List.copyOf(allowUserMount);
            layout = layout == null ? Layout.TMPFS : layout;
            goferArgs = goferArgs == null ? List.of() : List.copyOf(goferArgs);
        }

        Plan(Mode mode, boolean quiet, Path deployDir, List<String> allowUserMount, String commands,
             String sandboxId, int exitCode) {
            this(mode, quiet, deployDir, allowUserMount, commands, sandboxId, exitCode, Layout.TMPFS, List.of());
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

        @Option(names = "--root", paramLabel = "HOSTDIR",
                description = "Root of the sandbox: this host directory, served by a gofer process (default: a tmpfs).")
        Path root;

        @Option(names = "--root-ro", description = "With --root: the root is read-only (the gofer exports it read-only).")
        boolean rootReadOnly;

        @Option(names = "--shared-root",
                description = "With --root: the host may change the files too; revalidate on every access, write through.")
        boolean sharedRoot;

        @Option(names = "--bind", paramLabel = "HOSTDIR:DEST[:ro]", converter = BindConverter.class,
                description = "Bind the host directory HOSTDIR at DEST, served by a gofer process. Repeatable.")
        List<Bind> binds = new ArrayList<>();

        @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec spec;

        Plan plan(Mode mode, String commands) {
            if (root == null && (rootReadOnly || sharedRoot)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        (rootReadOnly ? "--root-ro" : "--shared-root") + " needs --root HOSTDIR");
            }
            Layout layout = new Layout(root == null ? null : root.toAbsolutePath().normalize(), rootReadOnly,
                    sharedRoot, binds);
            return new Plan(mode, quiet, deploy.toAbsolutePath().normalize(), allow, commands, sandbox, 0,
                    layout, List.of());
        }
    }

    static final class BindConverter implements CommandLine.ITypeConverter<Bind> {
        @Override
        public Bind convert(String value) {
            return Bind.parse(value);
        }
    }

    @Command(name = "cairn", mixinStandardHelpOptions = true, version = "cairn 0.1.0",
            description = "Cairn: a Linux-compatible virtual filesystem in an embedded OSGi framework.",
            subcommands = {RunCommand.class, ShellCommand.class, MountsCommand.class, GoferCommand.class})
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

    @Command(name = "gofer", mixinStandardHelpOptions = true,
            description = "Serve a host directory over 9P2000.L in the foreground until killed, for outside "
                    + "clients (e.g. a sandbox's mount -t 9p -o trans=unix,aname=DIR SOCK /mnt). "
                    + "Attach name: the exported path, or empty.")
    static final class GoferCommand implements Callable<Plan> {
        @Option(names = "--root", paramLabel = "DIR", required = true, description = "The host directory to export.")
        Path root;

        @Option(names = "--ro", description = "Export read-only: every change fails with EROFS.")
        boolean readOnly;

        @Option(names = "--listen", paramLabel = "unix:PATH|tcp:HOST:PORT", required = true,
                description = "Where to listen. Repeatable.")
        List<String> listen = new ArrayList<>();

        @Option(names = "--msize", paramLabel = "BYTES", description = "Largest message the server negotiates.")
        Integer msize;

        @Override
        public Plan call() {
            List<String> args = new ArrayList<>();
            if (msize != null) {
                args.addAll(List.of("--msize", msize.toString()));
            }
            args.addAll(List.of("--root", root.toAbsolutePath().normalize().toString()));
            if (readOnly) {
                args.add("--ro");
            }
            for (String l : listen) {
                args.addAll(List.of("--listen", l));
            }
            return new Plan(Mode.GOFER, true, Path.of("deploy"), List.of(), null, "default", 0, Layout.TMPFS, args);
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
