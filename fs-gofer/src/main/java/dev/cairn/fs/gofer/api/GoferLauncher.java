package dev.cairn.fs.gofer.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the gofer as its own OS process for one sandbox and connects to it: one export per
 * mount that needs one (the root first, then each bind mount in spec order), one Unix socket
 * connection per export, handed out in that order by a {@link ConnectionDispenser}. The
 * sockets live in a private directory (mode 0700) that is removed as soon as every
 * connection is made, so no one else can connect.
 */
public final class GoferLauncher {
    /** Main class of the gofer process. */
    public static final String MAIN_CLASS = "dev.cairn.fs.gofer.server.GoferMain";

    private GoferLauncher() {
    }

    /** One exported host directory. */
    public record Export(Path root, boolean readOnly) {
    }

    /** A running gofer process and its connections. */
    public static final class Running implements AutoCloseable {
        private final Process process;
        private final List<SocketChannel> connections;
        private final ConnectionDispenser dispenser;

        Running(Process process, List<SocketChannel> connections) {
            this.process = process;
            this.connections = List.copyOf(connections);
            this.dispenser = new ConnectionDispenser(this.connections);
        }

        public Process process() {
            return process;
        }

        /** The connections in export order, for boot. */
        public ConnectionDispenser dispenser() {
            return dispenser;
        }

        /** Completes when the gofer process exits (for the launcher to report it). */
        public CompletableFuture<Process> onExit() {
            return process.onExit();
        }

        /** Closes the connections and stops the process (SIGTERM, then SIGKILL after 5 s). */
        @Override
        public void close() {
            for (SocketChannel c : connections) {
                try {
                    c.close();
                } catch (IOException e) {
                    // going away anyway
                }
            }
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** A command that runs the gofer with this JVM and {@code classpath}. */
    public static List<String> javaCommand(String classpath) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                MAIN_CLASS);
    }

    /**
     * Starts {@code command} (e.g. {@link #javaCommand} or {@code [cairn, gofer]}) serving
     * {@code exports} and connects to each.
     *
     * @throws IOException when the process does not come up within {@code timeout} or a
     *                     connection fails (the process is then stopped)
     */
    public static Running start(List<String> command, List<Export> exports, Duration timeout) throws IOException {
        Path dir = Files.createTempDirectory("cairn-gofer",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        List<String> cmd = new ArrayList<>(command);
        List<Path> sockets = new ArrayList<>();
        for (int i = 0; i < exports.size(); i++) {
            Export e = exports.get(i);
            Path sock = dir.resolve(i + ".sock");
            sockets.add(sock);
            cmd.add("--root");
            cmd.add(e.root().toString());
            if (e.readOnly()) {
                cmd.add("--ro");
            }
            cmd.add("--listen");
            cmd.add("unix:" + sock);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<SocketChannel> conns = new ArrayList<>();
        try {
            awaitListening(p, exports.size(), timeout);
            for (Path s : sockets) {
                conns.add(SocketChannel.open(UnixDomainSocketAddress.of(s)));
            }
            return new Running(p, conns);
        } catch (IOException | RuntimeException | Error e) {
            conns.forEach(c -> {
                try {
                    c.close();
                } catch (IOException ex) {
                    // failing anyway
                }
            });
            p.destroyForcibly();
            throw e;
        } finally {
            for (Path s : sockets) {
                Files.deleteIfExists(s);
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void awaitListening(Process p, int n, Duration timeout) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> lines = CompletableFuture.supplyAsync(() -> {
            int seen = 0;
            try {
                String l;
                while (seen < n && (l = out.readLine()) != null) {
                    if (l.startsWith("listening ")) {
                        seen++;
                    }
                }
            } catch (IOException e) {
                return seen;
            }
            return seen;
        });
        try {
            int seen = lines.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (seen < n) {
                throw new IOException("gofer exited before listening (" + seen + " of " + n + " exports up)");
            }
        } catch (TimeoutException e) {
            throw new IOException("gofer did not listen within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the gofer");
        } catch (ExecutionException e) {
            throw new IOException("gofer start failed: " + e.getCause());
        }
    }
}
