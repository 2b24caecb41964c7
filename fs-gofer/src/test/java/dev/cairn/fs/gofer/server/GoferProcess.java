package dev.cairn.fs.gofer.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** GoferMain started as a separate OS process (a child JVM on the test classpath). */
public final class GoferProcess implements AutoCloseable {
    public final Process process;
    public final String listening;

    private GoferProcess(Process p, String listening) {
        this.process = p;
        this.listening = listening;
    }

    public static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(GoferMain.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts {@code GoferMain args} and waits (≤ 20 s) for its "listening" line. */
    public static GoferProcess start(String... args) throws Exception {
        Process p = new ProcessBuilder(javaCommand(args)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
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
        if (l == null || !l.startsWith("listening ")) {
            p.destroyForcibly();
            throw new IllegalStateException("gofer did not start: " + l);
        }
        return new GoferProcess(p, l.substring("listening ".length()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
