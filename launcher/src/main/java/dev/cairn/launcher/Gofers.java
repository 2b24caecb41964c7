package dev.cairn.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The gofer processes serving one sandbox's host directories. One OS process per distinct
 * export (directory and read-only flag), listening on a Unix socket in a private directory
 * (mode 0700); one connection per use, in the order boot dispenses them (root first, then the
 * binds in spec order). Once every connection is made the socket files and their directory
 * are removed, so nothing else can connect.
 *
 * <p>The gofers run with {@code --donate-fds}, and the connections are made with fs-gofer's
 * {@code GoferSockets.connect} (a {@link Connector} from the running fs-gofer bundle), so the
 * 9p mounts read and write opened files through the host fds the gofer donates. Without
 * fs-gofer in the framework, plain socket channels are used (and the 9p mounts then fail
 * with ENODEV anyway).
 *
 * <p>Each process runs {@link GoferChild} (fs-gofer's {@code GoferMain} behind a watchdog that
 * exits when the launcher's end of its stdin closes, so a killed launcher leaves no gofer
 * behind); its stderr goes to the launcher's stderr. When a gofer dies while the sandbox runs,
 * a line on {@code report} says which directory and mount points are affected: their
 * operations fail with EIO, the sandbox stays up.
 */
final class Gofers implements AutoCloseable {
    /** How long a gofer may take to print its {@code listening} line. */
    static final long LISTEN_WAIT_SECONDS = 20;
    /** The gofer's class path, in {@code bundles/} of the distribution. */
    static final List<String> JARS = List.of("fs-gofer.jar", "vfs-api.jar", "jna.jar", "slf4j-api.jar", "slf4j-simple.jar");
    static final String GOFER_MAIN = "dev.cairn.fs.gofer.server.GoferMain";

    /** Connects to a gofer's listening Unix socket. */
    @FunctionalInterface
    interface Connector {
        ByteChannel connect(Path socket) throws IOException;

        /** A plain java.nio channel: works, but takes no donated fds. */
        Connector PLAIN = s -> SocketChannel.open(UnixDomainSocketAddress.of(s));
    }

    /** A host directory exported by one gofer process. */
    record Export(Path dir, boolean readOnly) {
    }

    /** One mount served by a gofer: its export and where the sandbox sees it. */
    record Use(Export export, String dest) {
    }

    private static final class Child {
        final Export export;
        final Process process;
        final Path socket;
        final List<String> dests = new ArrayList<>();
        final CompletableFuture<String> listening = new CompletableFuture<>();

        Child(Export export, Process process, Path socket) {
            this.export = export;
            this.process = process;
            this.socket = socket;
        }
    }

    private final Path socketDir;
    private final PrintStream report;
    private final Map<Export, Child> children = new LinkedHashMap<>();
    private final List<ByteChannel> connections = new ArrayList<>();
    private volatile boolean closing;

    private Gofers(Path socketDir, PrintStream report) {
        this.socketDir = socketDir;
        this.report = report;
    }

    /** The gofer's class path in the distribution {@code home}; every jar must be there. */
    static List<Path> classPath(Path home) throws CliException {
        List<Path> cp = new ArrayList<>();
        for (String jar : JARS) {
            Path p = home.resolve("bundles").resolve(jar);
            if (!Files.isRegularFile(p)) {
                throw new CliException("the gofer needs " + p + ", which is missing (rebuild the distribution: "
                        + "CAIRN_REBUILD=1 ./cairn)");
            }
            cp.add(p);
        }
        return cp;
    }

    /**
     * Starts a gofer for every distinct export of {@code uses} and connects once per use, in
     * order. On failure everything started is stopped again.
     */
    static Gofers start(Path home, List<Use> uses, PrintStream report, Connector connector)
            throws CliException, InterruptedException {
        List<String> cp = new ArrayList<>(classPath(home).stream().map(Path::toString).toList());
        cp.add(launcherJar(home).toString());
        Gofers g;
        try {
            g = new Gofers(Files.createTempDirectory("cairn-gofer-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))), report);
        } catch (IOException e) {
            throw new CliException("cannot create a private directory for the gofer sockets: " + e.getMessage());
        }
        try {
            for (Use u : uses) {
                Child c = g.children.get(u.export());
                if (c == null) {
                    c = g.spawn(u.export(), String.join(java.io.File.pathSeparator, cp));
                    g.children.put(u.export(), c);
                }
                c.dests.add(u.dest());
            }
            for (Child c : g.children.values()) {
                g.awaitListening(c);
            }
            for (Use u : uses) {
                g.connections.add(g.connect(g.children.get(u.export()), connector));
            }
            g.removeSockets();
            g.children.values().forEach(g::watch);
            return g;
        } catch (CliException | InterruptedException | RuntimeException e) {
            g.closeConnections();
            g.close();
            throw e;
        }
    }

    /** The launcher jar (it holds {@link GoferChild}): where this class was loaded from. */
    private static Path launcherJar(Path home) throws CliException {
        try {
            return Path.of(Gofers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            Path jar = home.resolve("lib/cairn-launcher.jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
            throw new CliException("cannot find the launcher's own jar for the gofer process: " + e);
        }
    }

    private Child spawn(Export e, String classPath) throws CliException {
        Path socket = socketDir.resolve(children.size() + ".sock");
        List<String> cmd = new ArrayList<>(List.of(javaCommand(), "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classPath, GoferChild.class.getName(),
                "--donate-fds", "--root", e.dir().toString()));
        if (e.readOnly()) {
            cmd.add("--ro");
        }
        cmd.addAll(List.of("--listen", "unix:" + socket));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException ex) {
            throw new CliException("cannot start the gofer for " + e.dir() + ": " + ex.getMessage());
        }
        Child c = new Child(e, p, socket);
        Thread t = new Thread(() -> readStdout(c), "gofer-stdout-" + p.pid());
        t.setDaemon(true);
        t.start();
        return c;
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Completes {@code listening} with the first line, then drains the rest. */
    private static void readStdout(Child c) {
        try (InputStream in = c.process.getInputStream();
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = r.readLine();
            c.listening.complete(line);
            while (r.readLine() != null) {
                // the gofer prints nothing else on stdout; keep the pipe from filling anyway
            }
        } catch (IOException e) {
            c.listening.complete(null);
        }
    }

    private void awaitListening(Child c) throws CliException, InterruptedException {
        String line;
        try {
            line = c.listening.get(LISTEN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new CliException("the gofer for " + c.export.dir() + " (pid " + c.process.pid()
                    + ") did not start listening within " + LISTEN_WAIT_SECONDS + " s");
        } catch (ExecutionException e) {
            line = null;
        }
        if (line == null || !line.startsWith("listening ")) {
            String status = c.process.waitFor(5, TimeUnit.SECONDS) ? "exited with status " + c.process.exitValue()
                    : "printed " + line;
            throw new CliException("the gofer for " + c.export.dir() + " " + status
                    + " instead of listening (its messages are above)");
        }
    }

    private ByteChannel connect(Child c, Connector connector) throws CliException {
        try {
            return connector.connect(c.socket);
        } catch (IOException e) {
            throw new CliException("cannot connect to the gofer for " + c.export.dir() + " at " + c.socket + ": "
                    + e.getMessage());
        }
    }

    private void watch(Child c) {
        c.process.onExit().thenAccept(p -> {
            if (!closing) {
                report.println("cairn: the gofer serving " + c.export.dir() + " (pid " + p.pid() + ") exited with status "
                        + p.exitValue() + "; files under " + String.join(", ", c.dests)
                        + " now fail with an I/O error (the sandbox stays up)");
                report.flush();
            }
        });
    }

    /** The connections, one per use, in the order given to {@link #start}. */
    List<ByteChannel> connections() {
        return List.copyOf(connections);
    }

    /** Process ids of the gofers, by exported directory (for messages and tests). */
    String describe() {
        return children.values().stream()
                .map(c -> c.export.dir() + (c.export.readOnly() ? " (ro)" : "") + " pid " + c.process.pid())
                .collect(Collectors.joining(", "));
    }

    private void removeSockets() {
        for (Child c : children.values()) {
            try {
                Files.deleteIfExists(c.socket);
            } catch (IOException e) {
                // removed at close at the latest
            }
        }
        try {
            Files.deleteIfExists(socketDir);
        } catch (IOException e) {
            // not empty: close retries
        }
    }

    /**
     * Stops the gofers (SIGTERM, SIGKILL after 5 s) without reporting their exit, closes any
     * connection not handed over and removes the socket directory.
     */
    @Override
    public void close() {
        closing = true;
        children.values().forEach(c -> c.process.destroy());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Child c : children.values()) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !c.process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    c.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                c.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        removeSockets();
    }

    /** Closes the connections: for a failure before boot took them over. */
    void closeConnections() {
        for (ByteChannel ch : connections) {
            try {
                ch.close();
            } catch (IOException e) {
                // going away
            }
        }
    }
}
