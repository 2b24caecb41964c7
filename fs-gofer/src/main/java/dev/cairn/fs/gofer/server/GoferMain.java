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
 * GoferMain --root DIR [--ro] [--msize N] (--fd N ... | --listen tcp:HOST:PORT | --listen unix:PATH)
 * </pre>
 * With {@code --fd} it serves the inherited socket(s) and exits when all peers are gone; with
 * {@code --listen} it serves until killed (SIGTERM/SIGINT remove the unix socket file). It
 * prints {@code listening ADDRESS} on stdout once bound, so a launcher can wait for it.
 * Exit status: 0 normal, 2 bad arguments, 1 failure to export or listen.
 */
public final class GoferMain {
    private GoferMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path root = null;
        boolean ro = false;
        int msize = Framing.DEFAULT_MSIZE;
        List<Integer> fds = new ArrayList<>();
        List<String> listens = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--root": root = Path.of(args[++i]); break;
                    case "--ro": ro = true; break;
                    case "--msize": msize = Integer.parseInt(args[++i]); break;
                    case "--fd": fds.add(Integer.parseInt(args[++i])); break;
                    case "--listen": listens.add(args[++i]); break;
                    default: return usage("unknown argument " + args[i]);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            return usage("bad arguments: " + e.getMessage());
        }
        if (root == null || (fds.isEmpty() && listens.isEmpty())) {
            return usage("--root and one of --fd/--listen are required");
        }
        Libc.umask(0);
        try {
            GoferServer server = new GoferServer(root, ro, msize);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "gofer-shutdown"));
            for (String l : listens) {
                System.out.println("listening " + server.listen(l));
            }
            System.out.flush();
            List<Thread> sessions = new ArrayList<>();
            for (int fd : fds) {
                sessions.add(server.serve(new FdChannel(fd)));
            }
            if (!listens.isEmpty()) {
                new CountDownLatch(1).await();
            }
            for (Thread t : sessions) {
                t.join();
            }
            server.close();
            return 0;
        } catch (Exception e) {
            System.err.println("gofer: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(String why) {
        System.err.println("gofer: " + why);
        System.err.println("usage: gofer --root DIR [--ro] [--msize N] (--fd N | --listen tcp:HOST:PORT | "
                + "--listen unix:PATH)");
        return 2;
    }
}
