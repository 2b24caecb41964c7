package dev.cairn.shell;

import dev.cairn.boot.api.Sandbox;
import dev.cairn.boot.api.SandboxManager;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Task;
import java.util.List;
import java.util.Optional;
import org.apache.felix.service.command.CommandSession;

/**
 * One Task per Gogo session, kept in the session under {@link #TASK}. The sandbox is the
 * one named by the session variable {@link #SANDBOX} (set by {@code attach}), else the
 * first running sandbox. When that sandbox went away (boot restarted, sandbox closed) the
 * next command gets a fresh task in the sandbox now running under that id.
 */
final class Sessions {
    /** Session variable holding the sandbox id the session acts in. */
    static final String SANDBOX = "cairn.sandbox";
    /** Session variable holding this session's {@link Bound}. */
    static final String TASK = ".cairn.task";

    private Sessions() {
    }

    /** The sandbox and the task a session acts as. */
    record Bound(Sandbox sandbox, Task task) {
    }

    static Bound bound(CommandSession session, SandboxManager manager, String cmd) throws ShellException {
        Object cur = session.get(TASK);
        List<Sandbox> running = manager.sandboxes();
        if (cur instanceof Bound b && running.contains(b.sandbox())) {
            return b;
        }
        if (cur instanceof Bound b) {
            b.task().exit();
        }
        Sandbox sb = pick(session, manager, running, cmd);
        Bound b = new Bound(sb, sb.newTask(Credentials.root()));
        session.put(TASK, b);
        harden(session);
        return b;
    }

    /**
     * Makes the session a Cairn shell: {@code cairn} first in SCOPE, so plain {@code ls},
     * {@code cat}, {@code cd}, {@code echo} are Cairn's; Gogo's host globbing off; Gogo's
     * current directory (used by {@code >}, {@code >>}, {@code <}) and gogo.shell's
     * {@code _cwd} (used by its cat, grep, tac FILE, source, gosh SCRIPT) pointed at
     * {@link NoHostFileSystem}, where every access fails instead of reaching the host.
     */
    static void harden(CommandSession session) {
        session.put("SCOPE", "cairn:*");
        session.put(CommandSession.OPTION_NO_GLOB, Boolean.TRUE);
        session.currentDir(NO_HOST.root());
        session.put("_cwd", NO_HOST.root().toUri());
    }

    private static final NoHostFileSystem NO_HOST = new NoHostFileSystem();

    static Task task(CommandSession session, SandboxManager manager, String cmd) throws ShellException {
        return bound(session, manager, cmd).task();
    }

    private static Sandbox pick(CommandSession session, SandboxManager manager, List<Sandbox> running,
                                String cmd) throws ShellException {
        Object id = session.get(SANDBOX);
        if (id != null) {
            Optional<Sandbox> sb = manager.sandbox(id.toString());
            if (sb.isEmpty()) {
                throw new ShellException(cmd + ": sandbox '" + id + "' is not running");
            }
            return sb.get();
        }
        if (running.isEmpty()) {
            throw new ShellException(cmd + ": no sandbox is running");
        }
        return running.get(0);
    }

    /** Forgets the session's task (its fds are closed, its cwd released). */
    static void release(CommandSession session) {
        if (session.get(TASK) instanceof Bound b) {
            b.task().exit();
        }
        session.put(TASK, null);
    }
}
