package dev.cairn.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Entry points of the gofer server (fs-gofer's {@code GoferMain}) outside Felix.
 *
 * <p>{@link #main} is the main class of the gofer processes {@link Gofers} starts: it serves
 * as GoferMain does and ends the process (with status 0) when its stdin reaches end of file,
 * which happens when the launcher that holds the other end exits, however it exits. It
 * ignores SIGINT: a Ctrl-C in the terminal goes to the whole foreground process group, and is
 * meant for the shell's running command, not for the gofers behind the sandbox.
 * {@link #runInProcess} is {@code cairn gofer}: the launcher's own process becomes the gofer.
 */
public final class GoferChild {
    private GoferChild() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        ignoreSigint();
        Thread watchdog = new Thread(GoferChild::exitAtEndOfStdin, "gofer-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        invokeMain(GoferChild.class.getClassLoader(), args);
    }

    /** SIGINT ignored, through sun.misc.Signal (jdk.unsupported) by reflection. */
    private static void ignoreSigint() {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object ignore = handlerType.getField("SIG_IGN").get(null);
            signal.getMethod("handle", signal, handlerType)
                    .invoke(null, signal.getConstructor(String.class).newInstance("INT"), ignore);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("gofer: a Ctrl-C in the terminal will stop this gofer too (" + e + ")");
        }
    }

    private static void exitAtEndOfStdin() {
        InputStream in = System.in;
        byte[] buf = new byte[64];
        try {
            while (in.read(buf) >= 0) {
                // the launcher never writes; anything read is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same: the launcher is gone
        }
        System.exit(0);
    }

    /**
     * Runs the gofer server in this process with the distribution's jars; returns only when
     * the server returns without exiting (it normally exits the JVM itself).
     */
    static int runInProcess(Path home, List<String> args) throws CliException {
        List<Path> jars = Gofers.classPath(home);
        URL[] urls = new URL[jars.size()];
        try {
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
        } catch (MalformedURLException e) {
            throw new CliException("bad gofer class path: " + e.getMessage());
        }
        URLClassLoader loader = new URLClassLoader("cairn-gofer", urls, ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        try {
            invokeMain(loader, args.toArray(new String[0]));
            return 0;
        } catch (ReflectiveOperationException e) {
            throw new CliException("cannot run the gofer server: " + e);
        }
    }

    private static void invokeMain(ClassLoader loader, String[] args) throws ReflectiveOperationException {
        try {
            Class.forName(Gofers.GOFER_MAIN, true, loader).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
