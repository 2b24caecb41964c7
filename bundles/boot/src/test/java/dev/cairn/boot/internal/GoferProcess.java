package dev.cairn.boot.internal;

import dev.cairn.fs.gofer.server.GoferMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * fs-gofer's {@link GoferMain} run as its own OS process (a child JVM on the test class path)
 * exporting one host directory and listening on a unix-domain socket, as the launcher runs it;
 * {@link #connect()} makes one connection to hand to a sandbox.
 */
final class GoferProcess implements AutoCloseable {
    private final Process process;
    private final Path socket;

    private GoferProcess(Process process, Path socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Starts a gofer exporting {@code root} read-write; waits (≤ 20 s) until it listens. */
    static GoferProcess start(Path root, Path socketDir, String name) throws Exception {
        return start(root, socketDir, name, false);
    }

    /** Starts a gofer exporting {@code root} ({@code --ro} when asked); waits (≤ 20 s) until it listens. */
    static GoferProcess start(Path root, Path socketDir, String name, boolean readOnly) throws Exception {
        Path socket = socketDir.resolve(name + ".sock");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), GoferMain.class.getName(),
                "--root", root.toString(), "--listen", "unix:" + socket));
        if (readOnly) {
            cmd.add("--ro");
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String l;
        try {
            l = line.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
        if (l == null || !l.startsWith("listening ") || !Files.exists(socket)) {
            p.destroyForcibly();
            throw new IllegalStateException("gofer for " + root + " did not start: " + l);
        }
        return new GoferProcess(p, socket);
    }

    /** A new connection (a new 9P session) to this gofer. */
    SocketChannel connect() throws IOException {
        return SocketChannel.open(UnixDomainSocketAddress.of(socket));
    }

    /** Kills the process at once (SIGKILL) and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
