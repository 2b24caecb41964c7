package dev.cairn.launcher;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * A Gogo CommandSession reached by reflection, attached to a sandbox with Cairn's
 * {@code attach} command: SCOPE puts Cairn's commands first, globbing and redirections cannot
 * reach host files, and every command runs as the session's sandbox task.
 */
final class GogoSession implements AutoCloseable {
    /** Gogo's Converter.INSPECT: the level used to print a command's result. */
    private static final int INSPECT = 0;

    /** Session variable of the shell bundle holding the session's sandbox task. */
    private static final String TASK_VARIABLE = ".cairn.task";

    private final Object processor;
    private final Object session;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final String sandboxId;

    private GogoSession(Object processor, InputStream in, PrintStream out, PrintStream err, String sandboxId)
            throws Reflect.Failure {
        this.processor = processor;
        this.in = in;
        this.out = out;
        this.err = err;
        this.sandboxId = sandboxId;
        this.session = Reflect.call(processor, "createSession", keepOpen(in), keepOpen(out), keepOpen(err));
    }

    static GogoSession open(Object processor, InputStream in, PrintStream out, PrintStream err, String sandboxId)
            throws Reflect.Failure {
        GogoSession s = new GogoSession(processor, in, out, err, sandboxId);
        s.attach();
        return s;
    }

    private void attach() throws Reflect.Failure {
        execute("cairn:attach '" + sandboxId.replace("'", "") + "'");
    }

    /**
     * A fresh session acting as this one's task (same working directory and fds), and this
     * one closed. Used after Ctrl-C: interrupting a command closes the channels Gogo made
     * for the session's streams, so the old session could not print any more.
     */
    GogoSession renew() throws Reflect.Failure {
        GogoSession fresh = new GogoSession(processor, in, out, err, sandboxId);
        Reflect.call(fresh.session, "put", TASK_VARIABLE, Reflect.call(session, "get", TASK_VARIABLE));
        fresh.attach();
        close();
        return fresh;
    }

    /**
     * The process's stdout as a session console that survives being closed. Gogo wraps a
     * console in an interruptible channel; interrupting a command (Ctrl-C) closes that channel
     * and with it the stream under it, which would close the process's stdout for good.
     */
    static PrintStream keepOpen(PrintStream s) {
        return new PrintStream(new java.io.FilterOutputStream(s) {
            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws java.io.IOException {
                flush();
            }
        }, true);
    }

    /** The process's stdin as a session keyboard that survives being closed (see above). */
    static InputStream keepOpen(InputStream s) {
        return new java.io.FilterInputStream(s) {
            @Override
            public void close() {
                // the process's stdin stays open
            }
        };
    }

    /** Runs one command line; its result (if any) is returned, its failure thrown. */
    Object execute(String line) throws Reflect.Failure {
        return Reflect.call(session, "execute", line);
    }

    /** The result as Gogo's console would print it, or null for none. */
    String format(Object result) {
        if (result == null) {
            return null;
        }
        try {
            Object s = Reflect.call(session, "format", result, INSPECT);
            return s == null ? null : s.toString();
        } catch (Reflect.Failure e) {
            return String.valueOf(result);
        }
    }

    /**
     * The line to print for a failed command: Cairn's commands already word their messages
     * like Linux tools; anything else (Gogo syntax errors, unknown commands) gets "cairn: ".
     */
    static String describe(Reflect.Failure f) {
        if (f.is("ShellException")) {
            return f.getMessage();
        }
        if (f.is("CommandNotFoundException")) {
            String msg = f.getMessage();
            String name = msg.substring(msg.indexOf(':') + 1).trim();
            return "cairn: " + name + ": command not found";
        }
        return "cairn: " + f.getMessage();
    }

    /** Interrupts the command running in the foreground, if any; true when there was one. */
    boolean interruptForeground() {
        try {
            Object job = Reflect.call(session, "foregroundJob");
            if (job == null) {
                return false;
            }
            Reflect.call(job, "interrupt");
            return true;
        } catch (Reflect.Failure e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            Reflect.call(session, "close");
        } catch (Reflect.Failure e) {
            // closing a session that is already closed
        }
    }
}
