package dev.cairn.fs.gofer.server;

import dev.cairn.fs.gofer.host.FdChannel;
import dev.cairn.fs.gofer.host.Libc;
import dev.cairn.fs.gofer.p9.Framing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The gofer as its own OS process ({@code cairn gofer} runs this):
 * <pre>
 * GoferMain [--msize N] [--donate-fds] --root DIR [--ro] (--fd N | --listen tcp:HOST:PORT | --listen unix:PATH)...
 *           [--root DIR2 [--ro] ...]...
 * </pre>
 * Each {@code --root} starts an export; the {@code --ro}, {@code --fd} and {@code --listen}
 * after it belong to it, so one process can serve the root and every bind mount of a
 * sandbox. With only {@code --fd} it serves the inherited sockets and exits when all peers
 * are gone; with a {@code --listen} it serves until killed (SIGTERM/SIGINT remove the unix
 * socket files), and in any case exits when the process that started it exits. It prints
 * {@code listening ADDRESS} on stdout for every listener once bound, in argument order, so a
 * launcher can wait for it. {@code --donate-fds} attaches the host fd of every regular file
 * opened over a Unix socket connection to the Tlopen reply ({@link GoferServer#setDonateFds}).
 * Exit status: 0 normal, 2 bad arguments,
 * 1 failure to export or listen.
 */
public final class GoferMain {
    private GoferMain() {
    }

    /** One {@code --root} group of the command line. */
    private static final class ExportArgs {
        Path root;
        boolean ro;
        final List<Integer> fds = new ArrayList<>();
        final List<String> listens = new ArrayList<>();
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        int msize = Framing.DEFAULT_MSIZE;
        boolean donate = false;
        List<ExportArgs> exports = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--msize")) {
                    msize = Integer.parseInt(args[++i]);
                    continue;
                }
                if (a.equals("--donate-fds")) {
                    donate = true;
                    continue;
                }
                if (a.equals("--root")) {
                    ExportArgs e = new ExportArgs();
                    e.root = Path.of(args[++i]);
                    exports.add(e);
                    continue;
                }
                if (exports.isEmpty()) {
                    return usage(a + " before --root");
                }
                ExportArgs e = exports.get(exports.size() - 1);
                switch (a) {
                    case "--ro": e.ro = true; break;
                    case "--fd": e.fds.add(Integer.parseInt(args[++i])); break;
                    case "--listen": e.listens.add(args[++i]); break;
                    default: return usage("unknown argument " + a);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            return usage("bad arguments: " + e.getMessage());
        }
        if (exports.isEmpty()) {
            return usage("--root is required");
        }
        for (ExportArgs e : exports) {
            if (e.fds.isEmpty() && e.listens.isEmpty()) {
                return usage("--root " + e.root + " needs --fd or --listen");
            }
        }
        Libc.umask(0);
        // a gofer never outlives the process that started it (a launcher, a test, a shell)
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("gofer: parent process " + parent.pid() + " exited; stopping");
            System.exit(0);
        }));
        return serve(exports, msize, donate);
    }

    private static int serve(List<ExportArgs> exports, int msize, boolean donate) {
        List<GoferServer> servers = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> servers.forEach(GoferServer::close), "gofer-shutdown"));
        try {
            List<Thread> sessions = new ArrayList<>();
            boolean listening = false;
            for (ExportArgs e : exports) {
                GoferServer server = new GoferServer(e.root, e.ro, msize);
                server.setDonateFds(donate);
                servers.add(server);
                for (String l : e.listens) {
                    System.out.println("listening " + server.listen(l));
                    listening = true;
                }
                for (int fd : e.fds) {
                    sessions.add(server.serve(new FdChannel(fd)));
                }
            }
            System.out.flush();
            if (listening) {
                new CountDownLatch(1).await();
            }
            for (Thread t : sessions) {
                t.join();
            }
            servers.forEach(GoferServer::close);
            return 0;
        } catch (Exception e) {
            System.err.println("gofer: " + e.getMessage());
            servers.forEach(GoferServer::close);
            return 1;
        }
    }

    private static int usage(String why) {
        System.err.println("gofer: " + why);
        System.err.println("usage: gofer [--msize N] [--donate-fds] --root DIR [--ro] (--fd N | --listen tcp:HOST:PORT | "
                + "--listen unix:PATH)... [--root DIR ...]");
        return 2;
    }
}
