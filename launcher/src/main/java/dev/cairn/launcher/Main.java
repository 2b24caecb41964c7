package dev.cairn.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.BundleException;

/**
 * The {@code cairn} command: parses the command line ({@link Cli}), starts the embedded Felix
 * ({@link CairnRuntime}), boots the sandbox, then prints the banner, runs {@code -c} commands
 * or opens the interactive shell. Exit status: 0, 1 for a failed command or launcher error,
 * 2 for a usage error.
 */
public final class Main {
    private static final String PROMPT = "cairn# ";
    /**
     * The process's real streams, taken before Felix starts: Gogo's ThreadIO replaces
     * System.out/err/in with per-thread dispatchers, and a session whose console were that
     * dispatcher would write to itself.
     */
    private static final PrintStream OUT = System.out;
    private static final PrintStream ERR = System.err;
    private static final java.io.InputStream IN = System.in;
    /** SPI Fly logs through java.util.logging at INFO; held strongly so the level sticks. */
    private static final java.util.logging.Logger SPIFLY_LOG = java.util.logging.Logger.getLogger("org.apache.aries.spifly");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        SPIFLY_LOG.setLevel(java.util.logging.Level.WARNING);
        PrintWriter out = new PrintWriter(OUT, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(ERR, true, StandardCharsets.UTF_8);
        Cli.Plan plan = Cli.parse(args, out, err);
        if (plan.mode() == Cli.Mode.DONE) {
            return plan.exitCode();
        }
        if (plan.mode() == Cli.Mode.GOFER) {
            try {
                return GoferChild.runInProcess(home(), plan.goferArgs());
            } catch (CliException e) {
                ERR.println("cairn: " + e.getMessage());
                return 1;
            }
        }
        PrintStream progress = plan.quiet() ? new PrintStream(OutputStream.nullOutputStream()) : ERR;
        CairnRuntime rt = null;
        try {
            SpecBuilder.checkHostDirs(plan.layout());
            rt = CairnRuntime.start(home(), plan.deployDir(), progress, ERR);
            CairnRuntime started = rt;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "cairn-shutdown"));
            rt.awaitDeployDir();
            rt.allowUserMount(plan.allowUserMount());
            Object sandbox = rt.bootSandbox(plan.sandboxId(), plan.layout());
            rt.awaitPolicy(sandbox, plan.allowUserMount());
            progress.println("cairn: sandbox '" + plan.sandboxId() + "' is running");
            try (GogoSession session = rt.session(IN, OUT, ERR, plan.sandboxId())) {
                return drive(plan, session);
            }
        } catch (CliException | IOException | BundleException | Reflect.Failure e) {
            ERR.println("cairn: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ERR.println("cairn: interrupted");
            return 1;
        } finally {
            if (rt != null) {
                rt.close();
            }
        }
    }

    private static int drive(Cli.Plan plan, GogoSession session) throws IOException {
        boolean banner = plan.mode() != Cli.Mode.SHELL && !plan.quiet();
        if (banner) {
            banner(session);
        }
        if (plan.mode() == Cli.Mode.COMMANDS) {
            return runCommands(session, CommandSplitter.split(plan.commands()));
        }
        if (banner) {
            OUT.println("Type 'help' for Cairn's commands, 'exit' (or Ctrl-D) to leave.");
        }
        interactive(session);
        return 0;
    }

    private static void banner(GogoSession session) {
        OUT.println("Mount table of the sandbox (/proc/mounts):");
        runCommands(session, List.of("mounts"));
        OUT.println();
        OUT.println("ls -l /dev:");
        runCommands(session, List.of("ls -l /dev"));
        OUT.println();
    }

    /** Runs each command in turn; at the first failure prints its message and returns 1. */
    static int runCommands(GogoSession session, List<String> commands) {
        for (String cmd : commands) {
            try {
                Object result = session.execute(cmd);
                // Gogo's tests (grep, not, if) answer true/false: the exit status is enough.
                String shown = result instanceof Boolean ? null : session.format(result);
                if (shown != null) {
                    OUT.println(shown);
                }
            } catch (Reflect.Failure f) {
                OUT.flush();
                if (f.is("InterruptedException") || f.is("CancellationException")) {
                    // Ctrl-C: the terminal already shows ^C; like a shell, just end the line
                    OUT.println();
                    return 130;
                }
                ERR.println(GogoSession.describe(f));
                return 1;
            }
        }
        OUT.flush();
        return 0;
    }

    /**
     * The interactive loop: one Gogo command line per input line, until EOF or exit. Ctrl-C
     * interrupts the running command; the session is then renewed (same task), because an
     * interrupted Gogo session has lost its output channels.
     */
    private static void interactive(GogoSession first) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(IN, StandardCharsets.UTF_8));
        AtomicReference<GogoSession> session = new AtomicReference<>(first);
        AtomicBoolean interrupted = new AtomicBoolean();
        String[] shown = {PROMPT};
        onInterrupt(() -> {
            if (session.get().interruptForeground()) {
                interrupted.set(true);
            } else {
                OUT.print("\n" + shown[0]);
                OUT.flush();
            }
        });
        try {
            while (true) {
                shown[0] = prompt(session.get());
                OUT.print(shown[0]);
                OUT.flush();
                String line = in.readLine();
                if (line == null) {
                    OUT.println();
                    return;
                }
                String cmd = line.trim();
                if (cmd.equals("exit") || cmd.equals("quit")) {
                    return;
                }
                if (!cmd.isEmpty()) {
                    runCommands(session.get(), List.of(cmd));
                    // an interrupted command (Ctrl-C) may leave this thread's flag set
                    Thread.interrupted();
                }
                if (interrupted.getAndSet(false)) {
                    renew(session);
                }
            }
        } finally {
            session.get().close();
        }
    }

    private static void renew(AtomicReference<GogoSession> session) {
        try {
            session.set(session.get().renew());
        } catch (Reflect.Failure e) {
            ERR.println("cairn: cannot renew the shell session after Ctrl-C: " + e.getMessage());
        }
    }

    /**
     * Ctrl-C (SIGINT) runs {@code action} instead of ending cairn, as in a login shell: it
     * interrupts the running command, or gives a fresh prompt. Where the JVM offers no signal
     * handling, Ctrl-C ends cairn (the shutdown hook still stops Felix and removes its storage).
     */
    private static void onInterrupt(Runnable action) {
        // sun.misc.Signal (module jdk.unsupported) through reflection: no compile-time use of
        // an internal API.
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = java.lang.reflect.Proxy.newProxyInstance(handlerType.getClassLoader(),
                    new Class<?>[] {handlerType}, (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            action.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "cairn Ctrl-C handler";
                    });
            signal.getMethod("handle", signal, handlerType)
                    .invoke(null, signal.getConstructor(String.class).newInstance("INT"), handler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            ERR.println("cairn: Ctrl-C will end cairn (no signal handling here: " + e + ")");
        }
    }

    /** Cairn's prompt (sandbox:cwd#), or a plain one when the command is not there. */
    private static String prompt(GogoSession session) {
        try {
            Object p = session.execute("cairn:prompt");
            return p == null ? PROMPT : p.toString();
        } catch (Reflect.Failure e) {
            return PROMPT;
        }
    }

    /**
     * The distribution directory (holding lib/ and bundles/): {@code -Dcairn.home}, else the
     * parent of the directory holding the launcher jar, else (classes run from an IDE or the
     * build) {@code target/cairn} beside {@code target/classes}.
     */
    static Path home() throws CliException {
        String prop = System.getProperty("cairn.home");
        if (prop != null) {
            return Path.of(prop).toAbsolutePath();
        }
        try {
            Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(code)) {
                return code.getParent().resolve("cairn");
            }
            return code.getParent().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            throw new CliException("cannot find the distribution directory; set -Dcairn.home=DIR (" + e + ")");
        }
    }
}
