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

    private final Object session;

    private GogoSession(Object session) {
        this.session = session;
    }

    static GogoSession open(Object processor, InputStream in, PrintStream out, PrintStream err, String sandboxId)
            throws Reflect.Failure {
        GogoSession s = new GogoSession(Reflect.call(processor, "createSession", in, out, err));
        s.execute("cairn:attach '" + sandboxId.replace("'", "") + "'");
        return s;
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

    @Override
    public void close() {
        try {
            Reflect.call(session, "close");
        } catch (Reflect.Failure e) {
            // closing a session that is already closed
        }
    }
}
