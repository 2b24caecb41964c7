package dev.cairn.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * fs-gofer's server as its own OS process, started the way Cairn's launcher starts it:
 * {@code java -cp <classpath> dev.cairn.fs.gofer.server.GoferMain --root DIR --listen unix:SOCK},
 * with this JVM's own classpath (the benchmarks jar holds fs-gofer and its dependencies).
 */
final class GoferProcess implements AutoCloseable {
    static final String MAIN = "dev.cairn.fs.gofer.server.GoferMain";
    private static final long START_TIMEOUT_S = 30;
    private final Process process;

    private GoferProcess(Process process) {
        this.process = process;
    }

    /** Starts the gofer exporting {@code root} on {@code socket}; returns once it prints "listening". */
    static GoferProcess start(Path root, Path socket, boolean donateFds) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), MAIN));
        if (donateFds) {
            cmd.add("--donate-fds");
        }
        cmd.addAll(List.of("--root", root.toString(), "--listen", "unix:" + socket));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = first.get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("gofer for " + root + " did not report listening within "
                    + START_TIMEOUT_S + " s", e);
        }
        if (line == null || !line.startsWith("listening ")) {
            p.destroyForcibly();
            throw new IOException("gofer for " + root + " failed to start: " + line);
        }
        return new GoferProcess(p);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
